import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentScope, Roles } from '../../platform/auth/access.decorators';
import type { AccessScope } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { UuidParamPipe } from '../../platform/http/uuid-param.pipe';
import { BuyerOverviewDto, BuyerOverviewQuery, MarketFulfilmentDto, ParticipantCountsDto, RecomputeAnswerDto, RecomputeQuery } from './dto/fulfilment.dto';
import { FulfilmentService } from './fulfilment.service';

@ApiTags('Réalisation des clauses')
@ApiBearerAuth()
@Controller()
export class FulfilmentController {
  constructor(private readonly fulfilment: FulfilmentService) {}

  @Get('markets/:id/fulfilment')
  @Roles(Role.Facilitator, Role.Buyer, Role.Company, Role.National)
  @ApiOperation({ summary: 'Réalisation d’un marché : objectif, heures validées, taux, heures attendues à date, statut, série mensuelle, attributions' })
  @ApiResponse({ status: 200, type: MarketFulfilmentDto })
  market(@CurrentScope() scope: AccessScope, @Param('id', new UuidParamPipe()) id: string) {
    return this.fulfilment.forMarket(scope, id);
  }

  @Get('markets/:id/participant-counts')
  @Roles(Role.Facilitator, Role.Buyer, Role.National)
  @ApiOperation({ summary: 'Participants placés sur un marché, en effectifs agrégés par sexe et par public (jamais d’identité)' })
  @ApiResponse({ status: 200, type: ParticipantCountsDto })
  participantCounts(@CurrentScope() scope: AccessScope, @Param('id', new UuidParamPipe()) id: string) {
    return this.fulfilment.participantCounts(scope, id);
  }

  @Get('buyer/overview')
  @Roles(Role.Buyer)
  @ApiOperation({ summary: 'Vue acheteur : vos marchés dans toutes les structures qui les suivent, leur réalisation et les effectifs agrégés' })
  @ApiResponse({ status: 200, type: BuyerOverviewDto })
  buyerOverview(@CurrentScope() scope: AccessScope, @Query() query: BuyerOverviewQuery) {
    return this.fulfilment.buyerOverview(scope, query);
  }

  @Post('fulfilment/recompute')
  @HttpCode(202)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Recalcul complet de la réalisation (toutes les structures, ou une), par les workers' })
  @ApiResponse({ status: 202, type: RecomputeAnswerDto })
  recompute(@Query() query: RecomputeQuery) {
    return this.fulfilment.requestFullRecompute(query.structure);
  }
}
