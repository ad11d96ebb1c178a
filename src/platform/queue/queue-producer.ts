import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueBackend } from './queue-backend';
import { withTimeout } from './with-timeout';
import { JobEnvelope, JobName, QUEUE_OF_JOB, QueueName } from './queues';

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
   * The job id names the outbox events it carries: publishing the same events again is ignored by BullMQ. Pending
   * events only ever gain later ids, so first, last and count identify a merged set.
   */
  async publish(jobName: JobName, envelope: JobEnvelope): Promise<void> {
    const ids = envelope.eventIds ?? [envelope.eventId];
    const add = this.queue(QUEUE_OF_JOB[jobName]).add(jobName, envelope, {
      jobId: ids.length === 1 ? `event-${ids[0]}` : `events-${ids[0]}-${ids[ids.length - 1]}-${ids.length}`,
      attempts: 5,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: { age: 3600, count: 10000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
    await withTimeout(add, PUBLISH_TIMEOUT_MS, `queue unreachable after ${PUBLISH_TIMEOUT_MS} ms`);
  }

  /** Checks that the queue backend answers (for /health). */
  async ping(): Promise<void> {
    await withTimeout(this.queue(QueueName.Structures).getJobCounts('waiting'), 2000, 'queue unreachable');
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
  }
}
