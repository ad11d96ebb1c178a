import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, CurrentScope, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { ContractHoursDto, CorrectHoursDto, HoursDto, HoursListQuery, HoursPageDto, RecordHoursDto, RejectHoursDto } from './dto/hours.dto';
import { HoursService, RecordedHours } from './hours.service';

const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: 'Une requête rejouée avec la même clé reçoit la même réponse sans rien enregistrer deux fois' };

/** 201 when the month's entry is created, 200 when an existing one is corrected or declared again. */
function answered(response: FastifyReply, recorded: RecordedHours) {
  response.status(recorded.created ? 201 : 200);
  return recorded.entry;
}

@ApiTags('Heures d’insertion')
@ApiBearerAuth()
@Controller()
export class HoursController {
  constructor(private readonly hours: HoursService) {}

  @Get('hours')
  @Roles(Role.Facilitator, Role.Company)
  @ApiOperation({ summary: 'Lister les heures saisies ou déclarées (filtre status=DECLARED : les heures à valider)' })
  @ApiResponse({ status: 200, type: HoursPageDto })
  list(@CurrentScope() scope: AccessScope, @Query() query: HoursListQuery) {
    return this.hours.list(scope, query);
  }

  @Get('hours/:id')
  @Roles(Role.Facilitator, Role.Company)
  @ApiOperation({ summary: 'Lire une saisie d’heures' })
  @ApiResponse({ status: 200, type: HoursDto })
  get(@CurrentScope() scope: AccessScope, @Param('id', new UuidParamPipe()) id: string) {
    return this.hours.get(scope, id);
  }

  @Post('hours')
  @Roles(Role.Facilitator)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Saisir ou corriger les heures d’un contrat pour un mois (validées d’office)' })
  @ApiResponse({ status: 201, type: HoursDto, description: 'Heures saisies pour ce mois' })
  @ApiResponse({ status: 200, type: HoursDto, description: 'Heures du mois déjà saisies : corrigées, ou inchangées' })
  async record(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Body() body: RecordHoursDto, @Res({ passthrough: true }) response: FastifyReply) {
    return answered(response, await this.hours.record(scope, principal, body));
  }

  @Post('work-contracts/:id/hours')
  @Roles(Role.Facilitator, Role.Company)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Heures d’un contrat pour un mois : validées si le facilitateur les saisit, à valider si l’entreprise les déclare' })
  @ApiResponse({ status: 201, type: HoursDto, description: 'Heures saisies pour ce mois' })
  @ApiResponse({ status: 200, type: HoursDto, description: 'Heures du mois déjà saisies : corrigées, ou inchangées' })
  async recordForContract(
    @CurrentScope() scope: AccessScope,
    @CurrentPrincipal() principal: Principal,
    @Param('id', new UuidParamPipe()) id: string,
    @Body() body: ContractHoursDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ) {
    return answered(response, await this.hours.recordForContract(scope, principal, id, body));
  }

  @Patch('hours/:id')
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Corriger une saisie (les heures corrigées sont validées)' })
  @ApiResponse({ status: 200, type: HoursDto })
  correct(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string, @Body() body: CorrectHoursDto) {
    return this.hours.correct(scope, principal, id, body);
  }

  @Post('hours/:id/validate')
  @HttpCode(200)
  @Roles(Role.Facilitator)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Valider des heures déclarées par une entreprise : elles comptent dès lors' })
  @ApiResponse({ status: 200, type: HoursDto })
  validate(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string) {
    return this.hours.decide(scope, principal, id, 'VALIDATED');
  }

  @Post('hours/:id/reject')
  @HttpCode(200)
  @Roles(Role.Facilitator)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Rejeter des heures déclarées, avec un motif' })
  @ApiResponse({ status: 200, type: HoursDto })
  reject(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string, @Body() body: RejectHoursDto) {
    return this.hours.decide(scope, principal, id, 'REJECTED', body.reason.trim());
  }

  @Delete('hours/:id')
  @HttpCode(204)
  @Roles(Role.Facilitator)
  @ApiOperation({ summary: 'Supprimer une saisie d’heures' })
  async remove(@CurrentScope() scope: AccessScope, @CurrentPrincipal() principal: Principal, @Param('id', new UuidParamPipe()) id: string) {
    await this.hours.remove(scope, principal, id);
  }
}
