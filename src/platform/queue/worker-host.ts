import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { JOB_HANDLER_KEY, QUEUE_PROCESSOR_KEY } from './queue.decorators';
import { QueueBackend } from './queue-backend';
import { JobEnvelope, JobName, QUEUE_OF_JOB, QueueName } from './queues';

export const RUN_WORKERS = Symbol('RUN_WORKERS');

/** What a handler learns about its delivery: the outbox event, and whether BullMQ will try again if it throws. */
export interface JobContext {
  eventId: string;
  /** Every outbox event the job carries (several when the relay merged them). */
  eventIds: string[];
  finalAttempt: boolean;
}

type Handler = (payload: unknown, context: JobContext) => Promise<unknown>;

export interface JobHandlerEntry {
  queue: QueueName;
  job: JobName;
  handle: Handler;
}

/**
 * Finds the job handlers declared with @QueueProcessor/@OnJob, checks that every job name has exactly one handler
 * on the right queue, and (in a worker process) runs one BullMQ worker per queue.
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Workers');
  private readonly workers: Worker[] = [];
  private handlers = new Map<JobName, JobHandlerEntry>();
  private closing = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(QueueBackend) private readonly backend: QueueBackend,
    @Inject(RUN_WORKERS) private readonly runWorkers: boolean | QueueName[],
  ) {}

  onApplicationBootstrap(): void {
    this.handlers = this.collectHandlers();
    if (!this.runWorkers) return;
    const runs = (queue: QueueName) => this.runWorkers === true || (Array.isArray(this.runWorkers) && this.runWorkers.includes(queue));
    for (const queue of new Set([...this.handlers.values()].map((entry) => entry.queue).filter(runs))) {
      const worker = this.backend.createWorker(queue, (job) => this.dispatch(job), 4);
      worker.on('failed', (job, error) => this.logger.warn({ queue, job: job?.name, jobId: job?.id, err: error }, 'job failed'));
      worker.on('error', (error) => this.closing || this.logger.warn({ queue, err: error }, 'worker error'));
      this.workers.push(worker);
    }
    this.logger.log(`workers started on the ${this.backend.kind} backend: ${this.workers.map((worker) => worker.name).join(', ')}`);
  }

  /** Runs a job's handler directly, as a worker would (used to replay a delivery). */
  async dispatch(job: Pick<Job, 'name' | 'data'> & Partial<Pick<Job, 'attemptsMade' | 'opts'>>): Promise<unknown> {
    const entry = this.handlers.get(job.name as JobName);
    if (!entry) throw new Error(`no handler for job ${job.name}`);
    const envelope = job.data as JobEnvelope;
    const finalAttempt = (job.attemptsMade ?? 0) + 1 >= (job.opts?.attempts ?? 1);
    return entry.handle(envelope.payload, { eventId: envelope.eventId, eventIds: envelope.eventIds ?? [envelope.eventId], finalAttempt });
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.close()));
    await this.backend.close();
  }

  private collectHandlers(): Map<JobName, JobHandlerEntry> {
    const handlers = new Map<JobName, JobHandlerEntry>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || !wrapper.metatype) continue;
      const queue = this.reflector.get<QueueName | undefined>(QUEUE_PROCESSOR_KEY, wrapper.metatype as object as () => void);
      if (!queue) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, Handler>;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const job = this.reflector.get<JobName | undefined>(JOB_HANDLER_KEY, prototype[method]);
        if (!job) continue;
        if (handlers.has(job)) throw new Error(`job ${job} has two handlers`);
        if (QUEUE_OF_JOB[job] !== queue) throw new Error(`job ${job} belongs to queue ${QUEUE_OF_JOB[job]}, not ${queue}`);
        handlers.set(job, { queue, job, handle: prototype[method].bind(instance) });
      }
    }
    const missing = Object.values(JobName).filter((job) => !handlers.has(job));
    if (missing.length > 0) throw new Error(`jobs without a handler: ${missing.join(', ')}`);
    return handlers;
  }
}
