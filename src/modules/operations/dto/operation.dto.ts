import { pageDtoOf } from '../../../platform/http/pagination';
import { TextFilter } from '../../../platform/http/filter.decorators';
import { PeriodListQuery } from '../../../platform/records/record-crud';
import { recordInputDto, recordOutputDto } from '../../../platform/records/record-dto';
import { OPERATIONS } from '../operations.record';

export class CreateOperationDto extends recordInputDto('CreateOperationDto', OPERATIONS.fields) {}
export class UpdateOperationDto extends recordInputDto('UpdateOperationDto', OPERATIONS.fields, { partial: true, omit: OPERATIONS.key }) {}
export class OperationDto extends recordOutputDto('OperationDto', OPERATIONS.fields) {}
export class OperationPageDto extends pageDtoOf('OperationPageDto', OperationDto) {}

export class OperationListQuery extends PeriodListQuery {
  @TextFilter('Référence de l’acheteur')
  buyerRef?: string;
}
