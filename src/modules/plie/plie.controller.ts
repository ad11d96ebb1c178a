import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentScope, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { Clock } from '../../platform/clock';
import {
  CreatePathwayDto,
  CreateStepDto,
  PathwayDto,
  PathwayListQuery,
  PathwayPageDto,
  StepDto,
  StepListQuery,
  StepPageDto,
  ExitToValidateDto,
  UpdatePathwayDto,
  UpdateStepDto,
  ValidateExitDto,
} from './dto/plie.dto';
import { PlieService } from './plie.service';

@ApiTags('Parcours PLIE')
@ApiBearerAuth()
@Roles(Role.Facilitator)
@Controller('plie')
export class PlieController {
  constructor(
    private readonly plie: PlieService,
    private readonly clock: Clock,
  ) {}

  @Get('exits-to-validate')
  @ApiOperation({ summary: 'Sorties en emploi à valider : étapes EXIT_JOB qui ont atteint six mois dans un parcours encore ouvert' })
  @ApiResponse({ status: 200, type: [ExitToValidateDto] })
  exitsToValidate(@CurrentScope() scope: AccessScope) {
    return this.plie.exitsToValidate(scope, this.clock.now());
  }

  @Post('steps/:id/validate-exit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Valider une sortie en emploi après six mois : le parcours sort en EMPLOYMENT à cette date, avec les détails de l’emploi' })
  @ApiResponse({ status: 200, type: PathwayDto })
  validateExit(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string, @Body() body: ValidateExitDto) {
    return this.plie.validateExit(scope, principal, id, body, this.clock.now());
  }

  @Get('pathways')
  @ApiOperation({ summary: 'Lister les parcours PLIE de la structure (entrées, sorties et leur type)' })
  @ApiResponse({ status: 200, type: PathwayPageDto })
  listPathways(@CurrentScope() scope: AccessScope, @Query() query: PathwayListQuery) {
    return this.plie.listPathways(scope, query);
  }

  @Get('pathways/:id')
  @ApiOperation({ summary: 'Lire un parcours' })
  @ApiResponse({ status: 200, type: PathwayDto })
  getPathway(@CurrentScope() scope: AccessScope, @Param('id', new UuidParamPipe()) id: string) {
    return this.plie.get('pathways', scope, id);
  }

  @Post('pathways')
  @ApiOperation({ summary: 'Enregistrer l’entrée d’un participant en parcours (et sa sortie)' })
  @ApiResponse({ status: 201, type: PathwayDto })
  createPathway(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Body() body: CreatePathwayDto) {
    return this.plie.create('pathways', scope, principal, body);
  }

  @Patch('pathways/:id')
  @ApiOperation({ summary: 'Modifier un parcours (enregistrer la sortie…)' })
  @ApiResponse({ status: 200, type: PathwayDto })
  updatePathway(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string, @Body() body: UpdatePathwayDto) {
    return this.plie.update('pathways', scope, principal, id, body);
  }

  @Delete('pathways/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Supprimer un parcours' })
  async removePathway(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string) {
    await this.plie.remove('pathways', scope, principal, id);
  }

  @Get('steps')
  @ApiOperation({ summary: 'Lister les étapes de parcours' })
  @ApiResponse({ status: 200, type: StepPageDto })
  listSteps(@CurrentScope() scope: AccessScope, @Query() query: StepListQuery) {
    return this.plie.listSteps(scope, query);
  }

  @Get('steps/:id')
  @ApiOperation({ summary: 'Lire une étape' })
  @ApiResponse({ status: 200, type: StepDto })
  getStep(@CurrentScope() scope: AccessScope, @Param('id', new UuidParamPipe()) id: string) {
    return this.plie.get('steps', scope, id);
  }

  @Post('steps')
  @ApiOperation({ summary: 'Enregistrer une étape pendant un parcours' })
  @ApiResponse({ status: 201, type: StepDto })
  createStep(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Body() body: CreateStepDto) {
    return this.plie.create('steps', scope, principal, body);
  }

  @Patch('steps/:id')
  @ApiOperation({ summary: 'Modifier une étape' })
  @ApiResponse({ status: 200, type: StepDto })
  updateStep(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string, @Body() body: UpdateStepDto) {
    return this.plie.update('steps', scope, principal, id, body);
  }

  @Delete('steps/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Supprimer une étape' })
  async removeStep(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string) {
    await this.plie.remove('steps', scope, principal, id);
  }
}
