import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentScope, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { OperationDto, OperationListQuery, OperationPageDto, CreateOperationDto, UpdateOperationDto } from './dto/operation.dto';
import { OperationsService } from './operations.service';

@ApiTags('Opérations')
@ApiBearerAuth()
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get()
  @Roles(Role.Facilitator, Role.National)
  @ApiOperation({ summary: 'Lister les opérations (programmes de travaux ou de services) de la structure' })
  @ApiResponse({ status: 200, type: OperationPageDto })
  list(@CurrentScope() scope: AccessScope, @Query() query: OperationListQuery) {
    return this.operations.list(scope, query);
  }

  @Get(':id')
  @Roles(Role.Facilitator, Role.National)
  @ApiOperation({ summary: 'Lire une opération' })
  @ApiResponse({ status: 200, type: OperationDto })
  get(@CurrentScope() scope: AccessScope, @Param('id', new UuidParamPipe()) id: string) {
    return this.operations.get(scope, id);
  }

  @Post()
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Créer une opération' })
  @ApiResponse({ status: 201, type: OperationDto })
  create(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Body() body: CreateOperationDto) {
    return this.operations.create(scope, principal, body);
  }

  @Patch(':id')
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Modifier une opération (sa référence ne change pas)' })
  @ApiResponse({ status: 200, type: OperationDto })
  update(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string, @Body() body: UpdateOperationDto) {
    return this.operations.update(scope, principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Supprimer une opération sans marché' })
  async remove(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string) {
    await this.operations.remove(scope, principal, id);
  }
}
