import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentScope, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { CompanyDto, CompanyListQuery, CompanyPageDto, CreateCompanyDto, UpdateCompanyDto } from './dto/company.dto';
import { CompaniesService } from './companies.service';

@ApiTags('Entreprises')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Get()
  @Roles(Role.Facilitator, Role.National)
  @ApiOperation({ summary: 'Lister les entreprises et structures d’insertion connues de la structure' })
  @ApiResponse({ status: 200, type: CompanyPageDto })
  list(@CurrentScope() scope: AccessScope, @Query() query: CompanyListQuery) {
    return this.companies.list(scope, query);
  }

  @Get(':id')
  @Roles(Role.Facilitator, Role.National)
  @ApiOperation({ summary: 'Lire une entreprise' })
  @ApiResponse({ status: 200, type: CompanyDto })
  get(@CurrentScope() scope: AccessScope, @Param('id', new UuidParamPipe()) id: string) {
    return this.companies.get(scope, id);
  }

  @Post()
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Créer une entreprise' })
  @ApiResponse({ status: 201, type: CompanyDto })
  create(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Body() body: CreateCompanyDto) {
    return this.companies.create(scope, principal, body);
  }

  @Patch(':id')
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Modifier une entreprise (son SIRET ne change pas)' })
  @ApiResponse({ status: 200, type: CompanyDto })
  update(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string, @Body() body: UpdateCompanyDto) {
    return this.companies.update(scope, principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Supprimer une entreprise sans attribution ni contrat' })
  async remove(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string) {
    await this.companies.remove(scope, principal, id);
  }
}
