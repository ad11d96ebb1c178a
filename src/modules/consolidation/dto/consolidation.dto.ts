import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery, pageDtoOf } from '../../../platform/http/pagination';
import { CONSOLIDATION_STATUSES, SCOPE_KINDS } from '../consolidation.rules';
import type { ScopeKind } from '../consolidation.rules';

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

export class ConsolidationScopeDto {
  @ApiProperty({ enum: SCOPE_KINDS, description: 'national, une structure ou un acheteur', example: 'structure' })
  @IsIn(SCOPE_KINDS, { message: `doit être l’un de : ${SCOPE_KINDS.join(', ')}` })
  kind: ScopeKind;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Référence de la structure ou SIRET de l’acheteur ; vide pour le national', example: 'PLIE-SUD' })
  @IsOptional()
  @IsString({ message: 'doit être une chaîne de caractères' })
  ref?: string | null;
}

export class RequestConsolidationDto {
  @ApiProperty({ type: 'integer', example: 2017, description: 'Année consolidée' })
  @IsInt({ message: 'doit être une année (nombre entier)' })
  @Min(FIRST_YEAR, { message: `doit être ${FIRST_YEAR} au plus tôt` })
  @Max(LAST_YEAR, { message: `doit être ${LAST_YEAR} au plus tard` })
  year: number;

  @ApiPropertyOptional({ type: ConsolidationScopeDto, description: 'Par défaut : le national (national, administrateur), votre structure (facilitateur), votre SIRET (acheteur)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConsolidationScopeDto)
  scope?: ConsolidationScopeDto;
}

export class ConsolidationListQuery extends PageQuery {
  @ApiPropertyOptional({ type: 'integer', description: 'Année consolidée' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'doit être une année (nombre entier)' })
  year?: number;

  @ApiPropertyOptional({ enum: SCOPE_KINDS })
  @IsOptional()
  @IsIn(SCOPE_KINDS, { message: `doit être l’un de : ${SCOPE_KINDS.join(', ')}` })
  scope?: ScopeKind;
}

export class ReportScopeDto {
  @ApiProperty({ enum: SCOPE_KINDS }) kind: ScopeKind;
  @ApiProperty({ type: String, nullable: true }) ref: string | null;
}

export class ReportLinksDto {
  @ApiProperty({ type: String }) json: string;
  @ApiProperty({ type: String }) csv: string;
  @ApiProperty({ type: String }) xlsx: string;
  @ApiProperty({ type: String }) html: string;
}

export class ConsolidationDto {
  @ApiProperty({ type: String, format: 'uuid', description: 'Identifiant de l’instantané' }) id: string;
  @ApiProperty({ type: Number }) year: number;
  @ApiProperty({ type: ReportScopeDto }) scope: ReportScopeDto;
  @ApiProperty({ enum: CONSOLIDATION_STATUSES }) status: string;
  @ApiProperty({ type: Number, description: 'Avancement, en %' }) progress: number;
  @ApiProperty({ type: String, nullable: true, description: 'Étape en cours' }) stage: string | null;
  @ApiProperty({ type: Number, description: 'Exécutions du calcul (plus d’une après une reprise)' }) attempts: number;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: String, description: 'Qui l’a demandée' }) requestedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Empreinte des données lues' }) dataFingerprint: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Instantané précédent de la même année et du même périmètre' }) previousSnapshotId: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Données identiques à celles de l’instantané précédent' }) sameDataAsPrevious: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Chiffres identiques à ceux de l’instantané précédent' }) sameFiguresAsPrevious: boolean | null;
  @ApiProperty({ type: String, description: 'En une phrase, pour le lecteur' }) summary: string;
  @ApiProperty({ type: ReportLinksDto, nullable: true, description: 'Les quatre formats du rapport, une fois terminé' }) reports: ReportLinksDto | null;
}

export const ConsolidationPageDto = pageDtoOf('ConsolidationPageDto', ConsolidationDto);

export class FigureChangeDto {
  @ApiProperty({ type: String, example: 'clause.headline.insertionHours.value' }) figure: string;
  @ApiProperty({ type: Number, nullable: true }) before: number | null;
  @ApiProperty({ type: Number, nullable: true }) after: number | null;
}

export class ConsolidationDiffDto {
  @ApiProperty({ type: ConsolidationDto }) from: ConsolidationDto;
  @ApiProperty({ type: ConsolidationDto }) to: ConsolidationDto;
  @ApiProperty({ type: Boolean, description: 'Les deux instantanés ont lu les mêmes données' }) sameData: boolean;
  @ApiProperty({ type: [FigureChangeDto], description: 'Les chiffres qui diffèrent' }) changes: FigureChangeDto[];
}

export class ReportCsvQuery {
  @ApiPropertyOptional({ type: String, description: 'Un tableau (par exemple plie-tableau-1) ; sans lui, une archive ZIP de tous les tableaux' })
  @IsOptional()
  @IsString({ message: 'doit être un nom de tableau' })
  table?: string;
}
