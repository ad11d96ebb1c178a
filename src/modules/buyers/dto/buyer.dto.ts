import { pageDtoOf } from '../../../platform/http/pagination';
import { EnumFilter, TextFilter } from '../../../platform/http/filter.decorators';
import { RecordListQuery } from '../../../platform/records/record-crud';
import { recordInputDto, recordOutputDto } from '../../../platform/records/record-dto';
import { BUYERS } from '../buyers.record';
import { BUYER_KINDS } from '../buyers.rules';

export class CreateBuyerDto extends recordInputDto('CreateBuyerDto', BUYERS.fields) {}
export class UpdateBuyerDto extends recordInputDto('UpdateBuyerDto', BUYERS.fields, { partial: true, omit: BUYERS.key }) {}
export class BuyerDto extends recordOutputDto('BuyerDto', BUYERS.fields) {}
export class BuyerPageDto extends pageDtoOf('BuyerPageDto', BuyerDto) {}

export class BuyerListQuery extends RecordListQuery {
  @EnumFilter(BUYER_KINDS, 'Type d’acheteur')
  kind?: string;

  @TextFilter('SIRET exact')
  siret?: string;
}
