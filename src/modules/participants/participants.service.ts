import { Injectable } from '@nestjs/common';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { SqlFilters } from '../../platform/database/sql-filters';
import { RecordCrud, structureVisibility } from '../../platform/records/record-crud';
import { RecordStore } from '../../platform/records/record-store';
import { CreateParticipantDto, ParticipantListQuery, UpdateParticipantDto } from './dto/participant.dto';
import { PARTICIPANTS } from './participants.record';

/** Participants carry personal data: only their own structure's facilitators reach them (see the controller's roles). */
@Injectable()
export class ParticipantsService {
  private readonly records: RecordCrud;

  constructor(store: RecordStore) {
    this.records = new RecordCrud(store, { definition: PARTICIPANTS, visibility: structureVisibility, searched: ['t.ref', 't.last_name', 't.first_name'], defaultSort: 'ref' });
  }

  list(scope: AccessScope, query: ParticipantListQuery) {
    return this.records.page(scope, new SqlFilters().when(query.gender, 't.gender = ?').when(query.public, '? = ANY(t.publics)'), query);
  }

  get(scope: AccessScope, id: string) {
    return this.records.get(scope, id);
  }

  create(scope: AccessScope, principal: Principal, body: CreateParticipantDto) {
    return this.records.create(scope, principal, body);
  }

  update(scope: AccessScope, principal: Principal, id: string, body: UpdateParticipantDto) {
    return this.records.update(scope, principal, id, body);
  }

  remove(scope: AccessScope, principal: Principal, id: string) {
    return this.records.remove(scope, principal, id);
  }
}
