import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { JobName, JobPayloads } from '../queue/queues';

const PRUNE_BATCH = 10_000;

/** Stores the events that `select` gives as (job_name, payload) rows, inside a statement that writes the change itself. */
export function outboxInsertSql(select: string): string {
  return `INSERT INTO outbox_event (job_name, payload) ${select}`;
}

/**
 * Marks the events of the bigint[] parameter `eventIds` (e.g. `$2`) applied, as a statement returning the ids that
 * were still owed: for a consumer that applies them inside its own statement.
 */
export function markAppliedSql(eventIds: string): string {
  return `UPDATE outbox_event SET applied_at = now() WHERE id = ANY(${eventIds}::bigint[]) AND applied_at IS NULL RETURNING id`;
}

/**
 * Writes background work as outbox rows in the caller's transaction (the change and its event commit together),
 * and lets consumers apply an event once. An event is owed until a consumer marks it applied, in the transaction of
 * its effect: until then the relay keeps checking that the queue still has its job.
 */
@Injectable()
export class OutboxService {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the event with the caller's transaction: `manager` must be the one that writes the change. */
  async add<J extends JobName>(manager: EntityManager, jobName: J, payload: JobPayloads[J]): Promise<void> {
    await manager.query('INSERT INTO outbox_event (job_name, payload) VALUES ($1, $2::jsonb)', [jobName, JSON.stringify(payload)]);
  }

  /**
   * Applies `work` once for these events: they are marked applied in the transaction of the work, under their rows'
   * locks, so a job delivered twice (or published again after a loss) waits for the first delivery and then changes
   * nothing. Returns false when every event was already applied.
   */
  async applyOnce(eventIds: string[], work: (manager: EntityManager) => Promise<void>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if ((await this.markApplied(manager, eventIds)) === 0) return false;
      await work(manager);
      return true;
    });
  }

  /**
   * Forgets events applied more than `days` ago, in batches so that no statement holds many rows: an event is only
   * needed until applied, and a job delivered again after that finds nothing owed (it changes nothing either way).
   * Answers how many were removed.
   */
  async pruneApplied(days: number): Promise<number> {
    let removed = 0;
    for (;;) {
      const [{ deleted }]: { deleted: number }[] = await this.dataSource.query(
        `WITH old AS (DELETE FROM outbox_event WHERE id IN (
            SELECT id FROM outbox_event WHERE applied_at < now() - $1 * interval '1 day' LIMIT ${PRUNE_BATCH}) RETURNING id)
         SELECT count(*)::int AS deleted FROM old`,
        [days],
      );
      removed += deleted;
      if (deleted < PRUNE_BATCH) return removed;
    }
  }

  /** Marks events applied (in the caller's transaction when given); answers how many were still owed. */
  async markApplied(manager: EntityManager | undefined, eventIds: string[]): Promise<number> {
    if (eventIds.length === 0) return 0;
    // A SELECT over the UPDATE: TypeORM answers a bare UPDATE with [rows, count] rather than the rows.
    const [{ applied }]: { applied: number }[] = await (manager ?? this.dataSource.manager).query(
      `WITH applied AS (${markAppliedSql('$1')}) SELECT count(*)::int AS applied FROM applied`,
      [eventIds],
    );
    return applied;
  }
}
