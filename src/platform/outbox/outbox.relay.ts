import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dedicatedClient } from '../database/data-source';
import { preparedQuery } from '../database/prepared-query';
import { errorMessage } from '../logging/log-serializers';
import { QueueProducer } from '../queue/queue-producer';
import { JobName, MERGEABLE_JOBS, QueueName } from '../queue/queues';
import { RUN_WORKERS } from '../queue/worker-host';

const BATCH_SIZE = 500;

/** The channel a committed outbox event is announced on (a statement trigger on `outbox_event`). */
export const OUTBOX_CHANNEL = 'outbox_event';

/** How long the relay waits before listening again after its listening connection broke. */
const RELISTEN_MS = 1000;

/**
 * The shortest time between two ticks woken by notifications: under a flood of writes, events are gathered into a
 * tick every few milliseconds (and into fewer, merged jobs) rather than one tick per commit.
 */
const WAKE_GAP_MS = 20;

export interface PendingEvent {
  id: string;
  job_name: JobName;
  payload: Record<string, unknown>;
}

/** The jobs to publish for a batch of events, in order; events of a mergeable job are merged while they can be. */
export function coalesce(events: PendingEvent[]): { jobName: JobName; eventIds: string[]; payload: Record<string, unknown> }[] {
  const jobs: { jobName: JobName; eventIds: string[]; payload: Record<string, unknown> }[] = [];
  for (const event of events) {
    const merge = MERGEABLE_JOBS[event.job_name] as ((a: unknown, b: unknown) => Record<string, unknown> | undefined) | undefined;
    const merged = merge && jobs.some((job) => {
      const payload = job.jobName === event.job_name ? merge(job.payload, event.payload) : undefined;
      if (payload) {
        job.payload = payload;
        job.eventIds.push(event.id);
      }
      return payload !== undefined;
    });
    if (!merged) jobs.push({ jobName: event.job_name, eventIds: [event.id], payload: event.payload });
  }
  return jobs;
}

export interface RelayResult {
  published: number;
  failed: number;
  /** Events whose job the queue still had when their lease ran out: left to it for another lease. */
  renewed: number;
}

/** An event whose lease ran out, and the job its last publication recorded (none: its relay died first). */
interface LeasedEvent {
  id: string;
  job_name: JobName;
  job_id: string | null;
}

/** Job states in which the queue will still run the job by itself. */
const LIVE_STATES = new Set(['waiting', 'paused', 'active', 'delayed', 'prioritized', 'waiting-children']);

/**
 * The id of the job carrying these events at their `publication`-th publication: a publication after a loss gets a
 * new one, since the queue may still hold the failed job under the old id.
 */
export function jobIdOf(eventIds: string[], publication: number): string {
  const base = eventIds.length === 1 ? `event-${eventIds[0]}` : `events-${eventIds[0]}-${eventIds[eventIds.length - 1]}-${eventIds.length}`;
  return publication > 1 ? `${base}-p${publication}` : base;
}

/**
 * Publishes outbox events to BullMQ, oldest first, and keeps every event owed until its consumer has applied it.
 * It is woken by PostgreSQL: a statement that inserts events notifies `outbox_event`, delivered when its transaction
 * commits, and the relay LISTENs on a connection of its own. The poll every OUTBOX_POLL_MS is only the safety net
 * (a notification missed while that connection was down) and the clock of the leases.
 * Rows are claimed with SKIP LOCKED so several relays can run. A claimed row keeps its mark only once BullMQ
 * accepted its job; while the queue is unreachable the rows go back to pending and are retried at the next tick (a
 * relay that dies in between leaves them to their lease). An event published but still unapplied after its lease is
 * checked on: if the queue still has its job (waiting, running, delayed for a retry) the lease is renewed; if the
 * queue lost it (Redis restarted without its data) or failed it for good (retries used up, a worker that died
 * twice), it is published again.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;
  private failing = false;
  /** A tick is due soon (woken) or running: another notification needs no new timer. */
  private tickPending = false;
  private ticking = false;
  /** A notification came while a tick ran: one more right after it. */
  private wokenMeanwhile = false;
  private lastTickAt = 0;
  private leasesCheckedAt = 0;
  private listener?: Client;
  private listenFailing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(RUN_WORKERS) private readonly runWorkers: boolean | QueueName[],
  ) {}

  onApplicationBootstrap(): void {
    if (!this.runWorkers) return;
    this.schedule(0);
    void this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const listener = this.listener;
    this.listener = undefined;
    // Ending a connection the server already dropped may never settle: the stop does not wait for it.
    if (listener) await Promise.race([listener.end().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, RELISTEN_MS).unref())]);
    await this.running;
  }

  /** Runs a tick soon: at once when idle (or `WAKE_GAP_MS` after the last), right after the current one otherwise. */
  wake(): void {
    // While the queue is unreachable, the poll retries: each commit must not hammer it.
    if (this.stopped || this.failing) return;
    if (this.tickPending) {
      if (this.ticking) this.wokenMeanwhile = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(this.wakeDelay(), true);
  }

  private wakeDelay(): number {
    return Math.max(0, this.lastTickAt + WAKE_GAP_MS - Date.now());
  }

  /** LISTENs on a connection of its own; when it breaks, listens again (the poll covers the gap). */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = dedicatedClient(this.dataSource, 'relay');
    const again = () => {
      if (this.listener !== client || this.stopped) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), RELISTEN_MS).unref();
    };
    client.on('error', again);
    client.on('end', again);
    client.on('notification', () => this.wake());
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (this.listenFailing) this.logger.log('listening to the outbox again');
      this.listenFailing = false;
      // Events committed while nobody listened are picked up now rather than at the next poll.
      this.wake();
    } catch (error) {
      if (!this.listenFailing) this.logger.warn({ err: error }, `cannot listen to the outbox: polling every ${this.config.OUTBOX_POLL_MS} ms meanwhile`);
      this.listenFailing = true;
      again();
    }
  }

  /**
   * Publishes one batch of pending events, after (with `leases`) checking on the events whose lease ran out; says
   * what became of them. The batch is claimed by one statement (marked published, its publication counted), its jobs
   * are published, and one more statement records their ids, or gives back to the outbox what could not be published:
   * no transaction is held open while the queue answers. A relay that dies between the two leaves claimed events
   * without a job id, which their lease's end publishes again.
   */
  async relayOnce(leases = true): Promise<RelayResult> {
    const renewed = leases ? await this.checkLeases() : 0;
    // Oldest first: the rows an UPDATE returns come in no set order.
    const claimed = await preparedQuery<PendingEvent & { publications: number }>(
      this.dataSource.manager,
      `WITH claimed AS (
         UPDATE outbox_event SET published_at = now(), publications = publications + 1, job_id = NULL
          WHERE id IN (SELECT id FROM outbox_event WHERE published_at IS NULL AND applied_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING id, job_name, payload, publications)
       SELECT * FROM claimed ORDER BY id`,
      [BATCH_SIZE],
    );
    const publications = new Map(claimed.map((event) => [event.id, event.publications]));
    const published: { id: string; jobId: string }[] = [];
    let failure: { id: string; error: string } | undefined;
    for (const job of coalesce(claimed)) {
      const publication = Math.max(...job.eventIds.map((id) => publications.get(id)!));
      const jobId = jobIdOf(job.eventIds, publication);
      try {
        await this.producer.publish(job.jobName, { eventIds: job.eventIds, payload: job.payload as never }, jobId);
        published.push(...job.eventIds.map((id) => ({ id, jobId })));
        if (publication > 1) this.logger.warn({ jobId, events: job.eventIds.length }, 'the queue lost or failed a job: its events are published again');
      } catch (error) {
        failure = { id: job.eventIds[0]!, error: errorMessage(error) };
        break;
      }
    }
    const publishedIds = new Set(published.map((row) => row.id));
    const unpublished = claimed.filter((event) => !publishedIds.has(event.id)).map((event) => event.id);
    if (claimed.length > 0) {
      // An event whose consumer is applying it already (its row locked) is not waited for: its job id only matters
      // if that consumer fails, and its lease's end then publishes it again. Waiting for it could deadlock: both lock
      // several of these rows, in no common order.
      await preparedQuery(
        this.dataSource.manager,
        `WITH recorded AS (
           UPDATE outbox_event e SET job_id = p.job_id FROM unnest($1::bigint[], $2::text[]) AS p (id, job_id)
            WHERE e.id = p.id AND e.id IN (SELECT id FROM outbox_event WHERE id = ANY($1::bigint[]) FOR UPDATE SKIP LOCKED))
         UPDATE outbox_event SET published_at = NULL, publications = publications - 1,
                publish_attempts = CASE WHEN id = $4 THEN publish_attempts + 1 ELSE publish_attempts END,
                last_error = CASE WHEN id = $4 THEN $5 ELSE last_error END
          WHERE id = ANY($3::bigint[])`,
        [published.map((row) => row.id), published.map((row) => row.jobId), unpublished, failure?.id ?? null, failure?.error ?? null],
      );
    }
    return { published: published.length, failed: unpublished.length, renewed };
  }

  /**
   * Checks on the events published but unapplied after their lease: renewed while the queue will still run their
   * job; given back to the outbox, to be published again, when it lost or failed it (or no job was recorded).
   * Answers how many leases were renewed.
   */
  private async checkLeases(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const expired: LeasedEvent[] = await manager.query(
        `SELECT id, job_name, job_id FROM outbox_event
          WHERE applied_at IS NULL AND published_at < now() - $2 * interval '1 millisecond'
          ORDER BY published_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE, this.config.OUTBOX_LEASE_MS],
      );
      const { live, lost } = await this.checkOnJobs(expired);
      if (live.length > 0) await manager.query(`UPDATE outbox_event SET published_at = now() WHERE id = ANY($1::bigint[])`, [live]);
      if (lost.length > 0) await manager.query(`UPDATE outbox_event SET published_at = NULL WHERE id = ANY($1::bigint[])`, [lost]);
      return live.length;
    });
  }

  /** Sorts events whose lease ran out: those whose job the queue will still run, and those it lost or failed. */
  private async checkOnJobs(expired: LeasedEvent[]): Promise<{ live: string[]; lost: string[] }> {
    const live: string[] = [];
    const lost: string[] = [];
    const byJob = new Map<string | null, LeasedEvent[]>();
    for (const event of expired) {
      const group = byJob.get(event.job_id) ?? [];
      group.push(event);
      byJob.set(event.job_id, group);
    }
    for (const [jobId, events] of byJob) {
      const ids = events.map((event) => event.id);
      // Claimed by a relay that died before recording the job: whatever it published, publish them again.
      if (jobId === null) {
        lost.push(...ids);
        continue;
      }
      const state = await this.producer.jobState(events[0]!.job_name, jobId).catch(() => undefined);
      // An unreachable queue says nothing: the events wait for the next check.
      if (state === undefined) continue;
      if (LIVE_STATES.has(state)) live.push(...ids);
      else lost.push(...ids);
    }
    return { live, lost };
  }

  private schedule(delay: number, woken = false): void {
    if (this.stopped) return;
    this.tickPending = woken;
    this.timer = setTimeout(() => {
      this.tickPending = true;
      this.ticking = true;
      this.wokenMeanwhile = false;
      this.lastTickAt = Date.now();
      // Leases are checked by the poll, and by a woken tick when no check ran for a poll's interval (a steady flow
      // of commits replaces the poll's timer with woken ticks).
      const leases = !woken || this.lastTickAt - this.leasesCheckedAt >= this.config.OUTBOX_POLL_MS;
      if (leases) this.leasesCheckedAt = this.lastTickAt;
      this.running = this.tick(leases).finally(() => {
        this.ticking = false;
        if (this.wokenMeanwhile) this.schedule(this.wakeDelay(), true);
        else this.schedule(this.config.OUTBOX_POLL_MS);
      });
    }, delay);
  }

  private async tick(leases: boolean): Promise<void> {
    try {
      let result: RelayResult;
      do {
        result = await this.relayOnce(leases);
        if (result.failed > 0) {
          if (!this.failing) this.logger.warn(`queue unreachable: ${result.failed} event(s) kept in the outbox, retrying`);
          this.failing = true;
          return;
        }
        if (this.failing && result.published > 0) this.logger.log('queue reachable again: outbox draining');
        this.failing = false;
      } while (result.published === BATCH_SIZE && !this.stopped);
    } catch (error) {
      this.logger.error({ err: error }, 'outbox relay failed');
    }
  }
}
