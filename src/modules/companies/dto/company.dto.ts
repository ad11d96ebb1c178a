import { pageDtoOf } from '../../../platform/http/pagination';
import { EnumFilter } from '../../../platform/http/filter.decorators';
import { RecordListQuery } from '../../../platform/records/record-crud';
import { recordInputDto, recordOutputDto } from '../../../platform/records/record-dto';
import { COMPANIES } from '../companies.record';
import { COMPANY_KINDS } from '../companies.rules';

export class CreateCompanyDto extends recordInputDto('CreateCompanyDto', COMPANIES.fields) {}
export class UpdateCompanyDto extends recordInputDto('UpdateCompanyDto', COMPANIES.fields, { partial: true, omit: COMPANIES.key }) {}
export class CompanyDto extends recordOutputDto('CompanyDto', COMPANIES.fields) {}
export class CompanyPageDto extends pageDtoOf('CompanyPageDto', CompanyDto) {}

export class CompanyListQuery extends RecordListQuery {
  @EnumFilter(COMPANY_KINDS, 'Type d’entreprise')
  kind?: string;
}
