import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { QueueProducer } from '../queue/queue-producer';
import { JobName, MERGEABLE_JOBS, QueueName } from '../queue/queues';
import { RUN_WORKERS } from '../queue/worker-host';

const BATCH_SIZE = 500;

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
}

/**
 * Publishes pending outbox events to BullMQ, oldest first. Rows are locked with SKIP LOCKED so several relays can
 * run; a row is marked published only after BullMQ accepted it. While the queue is unreachable the rows stay
 * pending and are retried at the next tick: no work is lost, and a re-publish is deduplicated by the job id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(RUN_WORKERS) private readonly runWorkers: boolean | QueueName[],
  ) {}

  onApplicationBootstrap(): void {
    if (this.runWorkers) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Publishes one batch; returns how many events went out and how many stay pending after an error. */
  async relayOnce(): Promise<RelayResult> {
    return this.dataSource.transaction(async (manager) => {
      const pending: PendingEvent[] = await manager.query(
        `SELECT id, job_name, payload FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      const published: string[] = [];
      let failure: { id: string; error: string } | undefined;
      for (const job of coalesce(pending)) {
        try {
          await this.producer.publish(job.jobName, { eventId: job.eventIds[0]!, eventIds: job.eventIds, payload: job.payload as never });
          published.push(...job.eventIds);
        } catch (error) {
          failure = { id: job.eventIds[0]!, error: error instanceof Error ? error.message : String(error) };
          break;
        }
      }
      if (published.length > 0) {
        await manager.query(`UPDATE outbox_event SET published_at = now() WHERE id = ANY($1::bigint[])`, [published]);
      }
      if (failure) {
        await manager.query(
          `UPDATE outbox_event SET publish_attempts = publish_attempts + 1, last_error = $2 WHERE id = $1`,
          [failure.id, failure.error],
        );
      }
      return { published: published.length, failed: pending.length - published.length };
    });
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.schedule(this.config.OUTBOX_POLL_MS));
    }, delay);
  }

  private async tick(): Promise<void> {
    try {
      let result: RelayResult;
      do {
        result = await this.relayOnce();
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
