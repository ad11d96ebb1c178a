import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, parisDay } from '../../platform/clock';
import { AppConfig } from '../../platform/config/app-config';
import { OnJob, QueueProcessor } from '../../platform/queue/queue.decorators';
import { JobName, QueueName } from '../../platform/queue/queues';
import { ScheduledRuns } from '../../platform/schedules/scheduled-runs';
import { ERASED_FIELDS } from './participants.rules';

const erasedList = ERASED_FIELDS.map((field) => `'${field}'`).join(', ');

/**
 * Erases, in one statement, the identity of participants with nothing for `$2` years before `$1`: no contract, no
 * hours, no pathway, no step (a running one counts as today), no eligibility validated; a person with none of these
 * yet counts from the record's creation. The same fields are blanked in their audit trail; a record of each erasure
 * is kept, without the data. Counted figures do not use these fields, so every consolidation gives the same figures
 * afterwards.
 */
const ERASE_INACTIVE = `
  WITH activity AS (
    SELECT p.id, p.structure_id,
           coalesce(greatest(p.eligibility_validated_on,
             (SELECT max(coalesce(wc.end_date, 'infinity'::date)) FROM work_contract wc WHERE wc.participant_id = p.id),
             (SELECT max((h.month + interval '1 month' - interval '1 day')::date) FROM work_contract wc JOIN hours_entry h ON h.work_contract_id = wc.id WHERE wc.participant_id = p.id),
             (SELECT max(greatest(pw.entry_date, coalesce(pw.exit_date, 'infinity'::date))) FROM plie_pathway pw WHERE pw.participant_id = p.id),
             (SELECT max(greatest(st.start_date, coalesce(st.end_date, 'infinity'::date))) FROM plie_step st WHERE st.participant_id = p.id)),
             p.created_at::date) AS last_activity
      FROM participant p
     WHERE ${ERASED_FIELDS.map((field) => `p.${field} IS NOT NULL`).join(' OR ')}),
  erased AS (
    UPDATE participant p SET ${ERASED_FIELDS.map((field) => `${field} = NULL`).join(', ')}
      FROM activity a
     WHERE p.id = a.id AND a.last_activity < $1::date - make_interval(years => $2)
    RETURNING p.id, p.structure_id, a.last_activity),
  redacted AS (
    UPDATE audit_entry e
       SET changes = (SELECT jsonb_object_agg(key, CASE WHEN key IN (${erasedList}) THEN '"[effacé]"'::jsonb ELSE value END) FROM jsonb_each(e.changes))
      FROM erased
     WHERE e.entity = 'participants' AND e.entity_id = erased.id AND e.changes ?| ARRAY[${erasedList}]),
  recorded AS (
    INSERT INTO participant_erasure (participant_id, structure_id, last_activity_on, retention_years)
    SELECT id, structure_id, last_activity, $2 FROM erased
    ON CONFLICT (participant_id) DO UPDATE SET erased_at = now(), last_activity_on = EXCLUDED.last_activity_on, retention_years = EXCLUDED.retention_years)
  SELECT count(*)::int AS erased FROM erased`;

/** The retention of personal data: identities of people inactive for RETENTION_YEARS are erased by a daily job. */
@Injectable()
@QueueProcessor(QueueName.Maintenance)
export class ParticipantsRetention {
  constructor(
    private readonly runs: ScheduledRuns,
    private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Erases, once for `day` (AAAA-MM-JJ), the identities due; answers what was done, or undefined when already done. */
  runDay(day: string): Promise<string | undefined> {
    return this.runs.once(JobName.EraseInactiveParticipants, day, async (manager) => {
      const erased = await this.erase(manager, day);
      return `${erased} identité(s) de participant(s) sans activité depuis ${this.config.RETENTION_YEARS} ans effacée(s)`;
    });
  }

  @OnJob(JobName.EraseInactiveParticipants)
  async run(): Promise<string> {
    return (await this.runDay(parisDay(this.clock.now()))) ?? 'déjà fait ce jour';
  }

  private async erase(manager: EntityManager, day: string): Promise<number> {
    const [{ erased }]: { erased: number }[] = await manager.query(ERASE_INACTIVE, [day, this.config.RETENTION_YEARS]);
    return erased;
  }
}
