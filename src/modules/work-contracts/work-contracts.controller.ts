import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentScope, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { WorkContractDto, WorkContractListQuery, WorkContractPageDto, CreateWorkContractDto, UpdateWorkContractDto } from './dto/work-contract.dto';
import { WorkContractsService } from './work-contracts.service';

@ApiTags('Contrats de travail')
@ApiBearerAuth()
@Controller('work-contracts')
export class WorkContractsController {
  constructor(private readonly workContracts: WorkContractsService) {}

  @Get()
  @Roles(Role.Facilitator, Role.Company)
  @ApiOperation({ summary: 'Lister les contrats de travail et mises à disposition' })
  @ApiResponse({ status: 200, type: WorkContractPageDto })
  list(@CurrentScope() scope: AccessScope, @Query() query: WorkContractListQuery) {
    return this.workContracts.list(scope, query);
  }

  @Get(':id')
  @Roles(Role.Facilitator, Role.Company)
  @ApiOperation({ summary: 'Lire un contrat de travail' })
  @ApiResponse({ status: 200, type: WorkContractDto })
  get(@CurrentScope() scope: AccessScope, @Param('id', new UuidParamPipe()) id: string) {
    return this.workContracts.get(scope, id);
  }

  @Post()
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Placer un participant : enregistrer son contrat de travail sur un marché' })
  @ApiResponse({ status: 201, type: WorkContractDto })
  create(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Body() body: CreateWorkContractDto) {
    return this.workContracts.create(scope, principal, body);
  }

  @Patch(':id')
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Modifier un contrat de travail (sa référence ne change pas)' })
  @ApiResponse({ status: 200, type: WorkContractDto })
  update(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string, @Body() body: UpdateWorkContractDto) {
    return this.workContracts.update(scope, principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Supprimer un contrat de travail sans heures' })
  async remove(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string) {
    await this.workContracts.remove(scope, principal, id);
  }
}
