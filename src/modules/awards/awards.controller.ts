import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentScope, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { AwardDto, AwardListQuery, AwardPageDto, CreateAwardDto, UpdateAwardDto } from './dto/award.dto';
import { AwardsService } from './awards.service';

@ApiTags('Attributions')
@ApiBearerAuth()
@Controller('awards')
export class AwardsController {
  constructor(private readonly awards: AwardsService) {}

  @Get()
  @Roles(Role.Facilitator, Role.National, Role.Company)
  @ApiOperation({ summary: 'Lister les attributions (entreprises titulaires, cotraitantes, sous-traitantes des marchés)' })
  @ApiResponse({ status: 200, type: AwardPageDto })
  list(@CurrentScope() scope: AccessScope, @Query() query: AwardListQuery) {
    return this.awards.list(scope, query);
  }

  @Get(':id')
  @Roles(Role.Facilitator, Role.National, Role.Company)
  @ApiOperation({ summary: 'Lire une attribution' })
  @ApiResponse({ status: 200, type: AwardDto })
  get(@CurrentScope() scope: AccessScope, @Param('id', new UuidParamPipe()) id: string) {
    return this.awards.get(scope, id);
  }

  @Post()
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Attribuer un marché (ou un lot) à une entreprise' })
  @ApiResponse({ status: 201, type: AwardDto })
  create(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Body() body: CreateAwardDto) {
    return this.awards.create(scope, principal, body);
  }

  @Patch(':id')
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Modifier une attribution (marché et entreprise ne changent pas)' })
  @ApiResponse({ status: 200, type: AwardDto })
  update(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string, @Body() body: UpdateAwardDto) {
    return this.awards.update(scope, principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Supprimer une attribution' })
  async remove(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string) {
    await this.awards.remove(scope, principal, id);
  }
}
