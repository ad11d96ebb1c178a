import { Injectable } from '@nestjs/common';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { periodFilters, RecordCrud, structureVisibility } from '../../platform/records/record-crud';
import { RecordStore } from '../../platform/records/record-store';
import { CreatePathwayDto, CreateStepDto, PathwayListQuery, StepListQuery, UpdatePathwayDto, UpdateStepDto } from './dto/plie.dto';
import { PLIE_PATHWAYS, PLIE_STEPS } from './plie.record';

export type PlieResource = 'pathways' | 'steps';

/** PLIE pathways and their steps: personal data, read and written by the structure's facilitators only. */
@Injectable()
export class PlieService {
  private readonly records: Record<PlieResource, RecordCrud>;

  constructor(store: RecordStore) {
    this.records = {
      pathways: new RecordCrud(store, { definition: PLIE_PATHWAYS, visibility: structureVisibility, searched: ['p.ref'], defaultSort: 'entryDate' }),
      steps: new RecordCrud(store, { definition: PLIE_STEPS, visibility: structureVisibility, searched: ['p.ref'], defaultSort: 'startDate' }),
    };
  }

  listPathways(scope: AccessScope, query: PathwayListQuery) {
    const filters = periodFilters(query, 't.entry_date', 't.exit_date').when(query.participantRef, 'p.ref = ?').when(query.exitKind, 't.exit_kind = ?');
    return this.records.pathways.page(scope, filters, query);
  }

  listSteps(scope: AccessScope, query: StepListQuery) {
    return this.records.steps.page(scope, periodFilters(query).when(query.participantRef, 'p.ref = ?').when(query.kind, 't.kind = ?'), query);
  }

  get(resource: PlieResource, scope: AccessScope, id: string) {
    return this.records[resource].get(scope, id);
  }

  create(resource: PlieResource, scope: AccessScope, principal: Principal, body: CreatePathwayDto | CreateStepDto) {
    return this.records[resource].create(scope, principal, body);
  }

  update(resource: PlieResource, scope: AccessScope, principal: Principal, id: string, body: UpdatePathwayDto | UpdateStepDto) {
    return this.records[resource].update(scope, principal, id, body);
  }

  remove(resource: PlieResource, scope: AccessScope, principal: Principal, id: string) {
    return this.records[resource].remove(scope, principal, id);
  }
}
