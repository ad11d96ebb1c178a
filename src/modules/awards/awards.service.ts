import { Injectable } from '@nestjs/common';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { SqlFilters } from '../../platform/database/sql-filters';
import { RecordCrud, scopedTo, writableStructure } from '../../platform/records/record-crud';
import { RecordStore } from '../../platform/records/record-store';
import { FulfilmentService } from '../fulfilment/fulfilment.service';
import { AWARDS } from './awards.record';
import { AwardListQuery, CreateAwardDto, UpdateAwardDto } from './dto/award.dto';

@Injectable()
export class AwardsService {
  private readonly records: RecordCrud;

  constructor(
    store: RecordStore,
    private readonly fulfilment: FulfilmentService,
  ) {
    this.records = new RecordCrud(store, { definition: AWARDS, visibility: scopedTo('t', { company: 'c.siret = ?' }), searched: ['m.ref', 'm.title', 'c.name', 'c.siret'], defaultSort: 'marketRef' });
  }

  list(scope: AccessScope, query: AwardListQuery) {
    const filters = new SqlFilters().when(query.marketRef, 'm.ref = ?').when(query.companySiret, 'c.siret = ?').when(query.role, 't.role = ?');
    return this.records.page(scope, filters, query);
  }

  get(scope: AccessScope, id: string) {
    return this.records.get(scope, id);
  }

  /** An award changes which company the market's hours are credited to: its market's figures are recomputed. */
  create(scope: AccessScope, principal: Principal, body: CreateAwardDto) {
    return this.records.create(scope, principal, body, {
      after: (manager) => this.fulfilment.requestRecomputeByRefs(manager, writableStructure(scope), [(body as { marketRef?: string }).marketRef]),
    });
  }

  update(scope: AccessScope, principal: Principal, id: string, body: UpdateAwardDto) {
    return this.records.update(scope, principal, id, body, {
      after: (manager, _id, before) => this.fulfilment.requestRecomputeByRefs(manager, writableStructure(scope), [before.market_ref as string]),
    });
  }

  remove(scope: AccessScope, principal: Principal, id: string) {
    return this.records.remove(scope, principal, id, (manager, removed) =>
      this.fulfilment.requestRecompute(manager, writableStructure(scope), [removed.market_id as string]),
    );
  }
}
