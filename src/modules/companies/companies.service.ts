import { Injectable } from '@nestjs/common';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { SqlFilters } from '../../platform/database/sql-filters';
import { RecordCrud, structureVisibility } from '../../platform/records/record-crud';
import { RecordStore } from '../../platform/records/record-store';
import { COMPANIES } from './companies.record';
import { CompanyListQuery, CreateCompanyDto, UpdateCompanyDto } from './dto/company.dto';

@Injectable()
export class CompaniesService {
  private readonly records: RecordCrud;

  constructor(store: RecordStore) {
    this.records = new RecordCrud(store, { definition: COMPANIES, visibility: structureVisibility, searched: ['t.siret', 't.name', 't.naf_code'], defaultSort: 'name' });
  }

  list(scope: AccessScope, query: CompanyListQuery) {
    return this.records.page(scope, new SqlFilters().when(query.kind, 't.kind = ?'), query);
  }

  get(scope: AccessScope, id: string) {
    return this.records.get(scope, id);
  }

  create(scope: AccessScope, principal: Principal, body: CreateCompanyDto) {
    return this.records.create(scope, principal, body);
  }

  update(scope: AccessScope, principal: Principal, id: string, body: UpdateCompanyDto) {
    return this.records.update(scope, principal, id, body);
  }

  remove(scope: AccessScope, principal: Principal, id: string) {
    return this.records.remove(scope, principal, id);
  }
}
