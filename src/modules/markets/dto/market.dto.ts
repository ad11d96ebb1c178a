import { pageDtoOf } from '../../../platform/http/pagination';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { EnumFilter, TextFilter } from '../../../platform/http/filter.decorators';
import { PeriodListQuery } from '../../../platform/records/record-crud';
import { recordInputDto, recordOutputDto } from '../../../platform/records/record-dto';
import { MARKETS } from '../markets.record';
import { LEGAL_BASES, SECTORS } from '../markets.rules';

export class CreateMarketDto extends recordInputDto('CreateMarketDto', MARKETS.fields) {}
export class UpdateMarketDto extends recordInputDto('UpdateMarketDto', MARKETS.fields, { partial: true, omit: MARKETS.key }) {}
export class MarketDto extends recordOutputDto('MarketDto', { ...MARKETS.fields, ...MARKETS.derived }, { parentId: 'Marché dont celui-ci est un lot (null pour un marché)' }) {}
export class MarketPageDto extends pageDtoOf('MarketPageDto', MarketDto) {}

export class MarketListQuery extends PeriodListQuery {
  @TextFilter('Référence de l’acheteur')
  buyerRef?: string;

  @TextFilter('Référence de l’opération')
  operationRef?: string;

  @EnumFilter(SECTORS, 'Secteur')
  sector?: string;

  @EnumFilter(LEGAL_BASES, 'Fondement juridique')
  legalBasis?: string;

  @TextFilter('SIRET d’une entreprise attributaire')
  companySiret?: string;

  @ApiPropertyOptional({ description: 'Les lots de ce marché' })
  @IsOptional()
  @IsUUID('all', { message: 'doit être un identifiant (UUID)' })
  parentId?: string;
}

