import { TextFilter } from '../../../platform/http/filter.decorators';
import { PeriodListQuery, recordPageDto } from '../../../platform/records/record-crud';
import { recordInputDto, recordOutputDto } from '../../../platform/records/record-dto';
import { OPERATIONS } from '../operations.record';

export class CreateOperationDto extends recordInputDto('CreateOperationDto', OPERATIONS.fields) {}
export class UpdateOperationDto extends recordInputDto('UpdateOperationDto', OPERATIONS.fields, { partial: true, omit: OPERATIONS.key }) {}
export class OperationDto extends recordOutputDto('OperationDto', OPERATIONS.fields) {}
export class OperationPageDto extends recordPageDto('OperationPageDto', OperationDto) {}

export class OperationListQuery extends PeriodListQuery {
  @TextFilter('Référence de l’acheteur')
  buyerRef?: string;
}
