import { Injectable } from '@nestjs/common';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { SqlFilters } from '../../platform/database/sql-filters';
import { RecordCrud, structureVisibility } from '../../platform/records/record-crud';
import { RecordStore } from '../../platform/records/record-store';
import { BUYERS } from './buyers.record';
import { BuyerListQuery, CreateBuyerDto, UpdateBuyerDto } from './dto/buyer.dto';

@Injectable()
export class BuyersService {
  private readonly records: RecordCrud;

  constructor(store: RecordStore) {
    this.records = new RecordCrud(store, { definition: BUYERS, visibility: structureVisibility, searched: ['t.ref', 't.name', 't.siret'], defaultSort: 'ref' });
  }

  list(scope: AccessScope, query: BuyerListQuery) {
    return this.records.page(scope, new SqlFilters().when(query.kind, 't.kind = ?').when(query.siret, 't.siret = ?'), query);
  }

  get(scope: AccessScope, id: string) {
    return this.records.get(scope, id);
  }

  create(scope: AccessScope, principal: Principal, body: CreateBuyerDto) {
    return this.records.create(scope, principal, body);
  }

  update(scope: AccessScope, principal: Principal, id: string, body: UpdateBuyerDto) {
    return this.records.update(scope, principal, id, body);
  }

  remove(scope: AccessScope, principal: Principal, id: string) {
    return this.records.remove(scope, principal, id);
  }
}
