import { Injectable } from '@nestjs/common';
import type { AccessScope, Principal } from '../../platform/auth/principal';
import { NotFoundError } from '../../platform/http/domain-errors';
import { periodFilters, RecordCrud, structureVisibility, writableStructure } from '../../platform/records/record-crud';
import { RecordStore } from '../../platform/records/record-store';
import { CreatePathwayDto, CreateStepDto, PathwayListQuery, StepListQuery, UpdatePathwayDto, UpdateStepDto, ValidateExitDto } from './dto/plie.dto';
import { PLIE_PATHWAYS, PLIE_STEPS } from './plie.record';
import { EXIT_VALIDATION_MONTHS, exitDueSql, OPEN_PATHWAY_OF_STEP_SQL } from './plie.rules';

export type PlieResource = 'pathways' | 'steps';

/** A job exit (an `EXIT_JOB` step) that has lasted six months while its pathway is still open. */
export interface ExitToValidate {
  stepId: string;
  pathwayId: string;
  participantRef: string;
  participant: string;
  jobStart: string;
  /** The day the six months are reached: the pathway's exit date once validated. */
  dueOn: string;
}

/** PLIE pathways and their steps: personal data, read and written by the structure's facilitators only. */
@Injectable()
export class PlieService {
  private readonly records: Record<PlieResource, RecordCrud>;

  constructor(private readonly store: RecordStore) {
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

  /**
   * The employment exits to validate on `today`: job exits (`EXIT_JOB` steps) that have lasted six months, not ended
   * before, in a pathway that has no exit yet.
   */
  exitsToValidate(scope: AccessScope, today: Date): Promise<ExitToValidate[]> {
    return this.store.query(
      `SELECT st.id AS "stepId", pw.id AS "pathwayId", p.ref AS "participantRef", concat_ws(' ', p.first_name, p.last_name) AS participant,
              to_char(st.start_date, 'YYYY-MM-DD') AS "jobStart", to_char(st.start_date + make_interval(months => $3), 'YYYY-MM-DD') AS "dueOn"
         FROM plie_step st JOIN participant p ON p.id = st.participant_id
         JOIN plie_pathway pw ON ${OPEN_PATHWAY_OF_STEP_SQL}
        WHERE st.structure_id = $1 AND ${exitDueSql('$2::date')}
        ORDER BY st.start_date, p.ref`,
      [writableStructure(scope), today.toISOString().slice(0, 10), EXIT_VALIDATION_MONTHS],
    );
  }

  /**
   * Validates a job exit: its pathway exits to EMPLOYMENT on the day the six months were reached, with the job's
   * details, through the pathway's own rules and audit trail.
   */
  async validateExit(scope: AccessScope, principal: Principal, stepId: string, details: ValidateExitDto, today: Date) {
    const exit = (await this.exitsToValidate(scope, today)).find((candidate) => candidate.stepId === stepId);
    if (!exit) throw new NotFoundError('Sortie en emploi à valider');
    return this.records.pathways.update(scope, principal, exit.pathwayId, { ...details, exitDate: exit.dueOn, exitKind: 'EMPLOYMENT' });
  }
}
