import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DOUBLING_BACKOFF, QueueBackend } from './queue-backend';
import { withTimeout } from './with-timeout';
import { JOB_ATTEMPTS, JobEnvelope, JobName, QUEUE_OF_JOB, QueueName, SCHEDULED_JOBS, ScheduleRepeat } from './queues';

const PUBLISH_TIMEOUT_MS = 5000;

/** Adds jobs to their queue. Only the outbox relay publishes: a business write never talks to the queue directly. */
@Injectable()
export class QueueProducer implements OnModuleDestroy {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(QueueBackend) private readonly backend: QueueBackend) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.backend.createQueue(name);
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /**
   * Adds a job under `jobId` (the relay gives each publication its own). A completed job is removed at once: its
   * events are marked applied in the outbox, which is the record, and keeping finished jobs made each completion
   * trim thousands of them on the PostgreSQL backend. Failed jobs are kept a week for diagnosis.
   */
  async publish(jobName: JobName, envelope: JobEnvelope, jobId: string): Promise<void> {
    const add = this.queue(QUEUE_OF_JOB[jobName]).add(jobName, envelope, {
      jobId,
      attempts: JOB_ATTEMPTS,
      backoff: { type: DOUBLING_BACKOFF },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    });
    await withTimeout(add, PUBLISH_TIMEOUT_MS, `queue unreachable after ${PUBLISH_TIMEOUT_MS} ms`);
  }

  /** Where a job stands: 'unknown' when the queue no longer has it (lost, or removed after it finished). */
  async jobState(jobName: JobName, jobId: string): Promise<string> {
    return withTimeout(this.queue(QUEUE_OF_JOB[jobName]).getJobState(jobId), PUBLISH_TIMEOUT_MS, `queue unreachable after ${PUBLISH_TIMEOUT_MS} ms`);
  }

  /** Declares the periodic jobs: BullMQ keeps one scheduler per job, however many workers declare it. */
  async schedule(jobName: JobName, repeat: ScheduleRepeat): Promise<void> {
    const envelope: JobEnvelope = { eventIds: [], payload: {} as never };
    await withTimeout(
      this.queue(QUEUE_OF_JOB[jobName]).upsertJobScheduler(jobName, repeat, { name: jobName, data: envelope, opts: { removeOnComplete: 100, removeOnFail: 100 } }),
      PUBLISH_TIMEOUT_MS,
      `queue unreachable after ${PUBLISH_TIMEOUT_MS} ms`,
    );
  }

  /** When each declared schedule runs next (epoch ms), as the queue holds it; absent when not declared (yet). */
  async nextRuns(): Promise<Map<JobName, number>> {
    const next = new Map<JobName, number>();
    for (const queue of new Set(SCHEDULED_JOBS.map(({ job }) => QUEUE_OF_JOB[job]))) {
      const schedulers = await withTimeout(this.queue(queue).getJobSchedulers(), PUBLISH_TIMEOUT_MS, `queue unreachable after ${PUBLISH_TIMEOUT_MS} ms`);
      for (const scheduler of schedulers) if (scheduler.next !== undefined) next.set(scheduler.key as JobName, scheduler.next);
    }
    return next;
  }

  /** Checks that the queue backend answers (for /health). */
  async ping(): Promise<void> {
    await withTimeout(this.queue(QueueName.Structures).getJobCounts('waiting'), 2000, 'queue unreachable');
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
  }
}
