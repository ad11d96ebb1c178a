import { Injectable } from '@nestjs/common';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { periodFilters, RecordCrud, structureVisibility } from '../../platform/records/record-crud';
import { RecordStore } from '../../platform/records/record-store';
import { CreateOperationDto, OperationListQuery, UpdateOperationDto } from './dto/operation.dto';
import { OPERATIONS } from './operations.record';

@Injectable()
export class OperationsService {
  private readonly records: RecordCrud;

  constructor(store: RecordStore) {
    this.records = new RecordCrud(store, { definition: OPERATIONS, visibility: structureVisibility, searched: ['t.ref', 't.name', 'b.name'], defaultSort: 'ref' });
  }

  list(scope: AccessScope, query: OperationListQuery) {
    return this.records.page(scope, periodFilters(query).when(query.buyerRef, 'b.ref = ?'), query);
  }

  get(scope: AccessScope, id: string) {
    return this.records.get(scope, id);
  }

  create(scope: AccessScope, principal: Principal, body: CreateOperationDto) {
    return this.records.create(scope, principal, body);
  }

  update(scope: AccessScope, principal: Principal, id: string, body: UpdateOperationDto) {
    return this.records.update(scope, principal, id, body);
  }

  remove(scope: AccessScope, principal: Principal, id: string) {
    return this.records.remove(scope, principal, id);
  }
}
