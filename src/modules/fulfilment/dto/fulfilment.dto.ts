import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TextFilter } from '../../../platform/http/filter.decorators';
import { PageQuery } from '../../../platform/http/pagination';
import { FULFILMENT_STATUSES } from '../fulfilment.rules';
import type { FulfilmentStatus } from '../fulfilment.rules';

export class MonthHoursDto {
  @ApiProperty({ example: '2017-03' }) month: string;
  @ApiProperty({ description: 'Heures validées du mois', example: '151.67' }) hours: string;
}

export class AwardFulfilmentDto {
  @ApiProperty() awardId: string;
  @ApiProperty() companySiret: string;
  @ApiProperty() companyName: string;
  @ApiProperty({ enum: ['HOLDER', 'CO_CONTRACTOR', 'SUBCONTRACTOR'] }) role: string;
  @ApiPropertyOptional({ description: 'Part de l’objectif (ou heures convenues)', nullable: true, type: String }) objective: string | null;
  @ApiProperty({ description: 'Heures validées créditées à cette attribution' }) validatedHours: string;
  @ApiPropertyOptional({ description: 'Taux de réalisation en %', nullable: true, type: Number }) rate: number | null;
}

export class MarketFiguresDto {
  @ApiProperty() marketId: string;
  @ApiProperty() ref: string;
  @ApiProperty() title: string;
  @ApiProperty() buyerName: string;
  @ApiProperty() startDate: string;
  @ApiProperty() endDate: string;
  @ApiProperty({ description: 'Objectif d’heures d’insertion' }) objective: string;
  @ApiProperty({ description: 'Heures validées (seules elles comptent)' }) validatedHours: string;
  @ApiPropertyOptional({ description: 'Taux de réalisation en % (peut dépasser 100)', nullable: true, type: Number }) rate: number | null;
  @ApiProperty({ description: 'Part écoulée de la période du marché (0 à 1)' }) elapsedShare: number;
  @ApiProperty({ description: 'Heures attendues à date : objectif × part écoulée' }) expectedToDate: string;
  @ApiProperty({ enum: FULFILMENT_STATUSES, description: 'DONE : objectif atteint ; BEHIND : moins de 80 % des heures attendues à date ; ON_TRACK sinon' }) status: FulfilmentStatus;
}

export class MarketFulfilmentDto extends MarketFiguresDto {
  @ApiProperty({ description: 'Heures déclarées par les entreprises, en attente de validation (non comptées)' }) declaredHours: string;
  @ApiPropertyOptional({ description: 'Dernier calcul des heures (null : calcul en attente)', nullable: true, type: String }) computedAt: string | null;
  @ApiProperty({ type: [MonthHoursDto] }) months: MonthHoursDto[];
  @ApiProperty({ type: [AwardFulfilmentDto] }) awards: AwardFulfilmentDto[];
}

export class ParticipantCountsDto {
  @ApiPropertyOptional({ description: 'Participants distincts (null : effectif de 1 à 4 masqué)', nullable: true, type: Number }) total: number | null;
  @ApiProperty({ description: 'Par sexe', type: 'object', additionalProperties: { type: 'number', nullable: true } }) byGender: Record<string, number | null>;
  @ApiProperty({ description: 'Par public ; une personne relevant de plusieurs publics est comptée dans chacun', type: 'object', additionalProperties: { type: 'number', nullable: true } })
  byPublic: Record<string, number | null>;
  @ApiProperty({ description: 'Par tranche d’âge au début du premier contrat : UNDER_26, 26_TO_49, 50_AND_OVER', type: 'object', additionalProperties: { type: 'number', nullable: true } })
  byAgeBand: Record<string, number | null>;
  @ApiProperty({ description: 'Vrai quand les effectifs de 1 à 4 personnes sont masqués (vue acheteur)' }) masked: boolean;
}

export class BuyerOverviewDto {
  @ApiProperty({ type: [MarketFiguresDto] }) items: MarketFiguresDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: ParticipantCountsDto, description: 'Participants de l’ensemble de vos marchés, en effectifs agrégés' }) participants: ParticipantCountsDto;
}

export class BuyerOverviewQuery extends PageQuery {}

export class RecomputeQuery {
  @TextFilter('Référence d’une structure (toutes sinon)')
  structure?: string;
}

export class RecomputeAnswerDto {
  @ApiProperty({ description: 'Structures dont le recalcul complet est demandé' }) structures: number;
}
