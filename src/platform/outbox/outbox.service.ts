import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { JobName, JobPayloads } from '../queue/queues';

/** Stores the events that `select` gives as (job_name, payload) rows, inside a statement that writes the change itself. */
export function outboxInsertSql(select: string): string {
  return `INSERT INTO outbox_event (job_name, payload) ${select}`;
}

/**
 * Writes background work as outbox rows in the caller's transaction (the change and its event commit together),
 * and lets consumers apply an event at most once.
 */
@Injectable()
export class OutboxService {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the event with the caller's transaction: `manager` must be the one that writes the change. */
  async add<J extends JobName>(manager: EntityManager, jobName: J, payload: JobPayloads[J]): Promise<void> {
    await manager.query('INSERT INTO outbox_event (job_name, payload) VALUES ($1, $2::jsonb)', [jobName, JSON.stringify(payload)]);
  }

  /**
   * Applies `work` once per (consumer, event): the marker row and the work commit in one transaction, so a job
   * delivered twice, or retried after a crash, changes nothing the second time. Returns false when already applied.
   */
  async applyOnce(consumer: string, eventIds: string | string[], work: (manager: EntityManager) => Promise<void>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO processed_event (consumer, event_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING RETURNING event_id`,
        [consumer, Array.isArray(eventIds) ? eventIds : [eventIds]],
      );
      if (inserted.length === 0) return false;
      await work(manager);
      return true;
    });
  }
}
