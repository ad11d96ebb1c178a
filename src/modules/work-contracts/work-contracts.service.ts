import { Injectable } from '@nestjs/common';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { periodFilters, RecordCrud, scopedTo, writableStructure } from '../../platform/records/record-crud';
import { RecordStore } from '../../platform/records/record-store';
import { FulfilmentService } from '../fulfilment/fulfilment.service';
import { CreateWorkContractDto, UpdateWorkContractDto, WorkContractListQuery } from './dto/work-contract.dto';
import { WORK_CONTRACTS } from './work-contracts.record';

@Injectable()
export class WorkContractsService {
  private readonly records: RecordCrud;

  constructor(
    store: RecordStore,
    private readonly fulfilment: FulfilmentService,
  ) {
    this.records = new RecordCrud(store, { definition: WORK_CONTRACTS, visibility: scopedTo('t', { company: 'e.siret = ?' }), searched: ['t.ref', 't.job_title', 'p.ref', 'm.ref'], defaultSort: 'startDate' });
  }

  list(scope: AccessScope, query: WorkContractListQuery) {
    const filters = periodFilters(query)
      .when(query.marketRef, 'm.ref = ?')
      .when(query.participantRef, 'p.ref = ?')
      .when(query.employerSiret, 'e.siret = ?')
      .when(query.kind, 't.kind = ?')
      .when(query.mode, 't.mode = ?');
    return this.records.page(scope, filters, query);
  }

  get(scope: AccessScope, id: string) {
    return this.records.get(scope, id);
  }

  create(scope: AccessScope, principal: Principal, body: CreateWorkContractDto) {
    return this.records.create(scope, principal, body, {
      after: (manager) => this.fulfilment.requestRecomputeByRefs(manager, writableStructure(scope), [(body as { marketRef?: string }).marketRef]),
    });
  }

  /** A contract moved to another market changes the figures of both. */
  update(scope: AccessScope, principal: Principal, id: string, body: UpdateWorkContractDto) {
    return this.records.update(scope, principal, id, body, {
      after: (manager, _id, before) =>
        this.fulfilment.requestRecomputeByRefs(manager, writableStructure(scope), [before.market_ref as string, (body as { marketRef?: string }).marketRef]),
    });
  }

  remove(scope: AccessScope, principal: Principal, id: string) {
    return this.records.remove(scope, principal, id, (manager, removed) =>
      this.fulfilment.requestRecompute(manager, writableStructure(scope), [removed.market_id as string]),
    );
  }
}
