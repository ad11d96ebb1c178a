import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { JOB_HANDLER_KEY, QUEUE_PROCESSOR_KEY } from './queue.decorators';
import { AppConfig } from '../config/app-config';
import { QueueBackend } from './queue-backend';
import { QueueProducer } from './queue-producer';
import { JobEnvelope, JobName, QUEUE_OF_JOB, QueueName, SCHEDULED_JOBS } from './queues';

export const RUN_WORKERS = Symbol('RUN_WORKERS');

/** What a handler learns about its delivery: the outbox events, and whether BullMQ will try again if it throws. */
export interface JobContext {
  /** Every outbox event the job carries (several when the relay merged them, none for a scheduled job). */
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
    private readonly producer: QueueProducer,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(RUN_WORKERS) private readonly runWorkers: boolean | QueueName[],
  ) {}

  onApplicationBootstrap(): void {
    this.handlers = this.collectHandlers();
    if (!this.runWorkers) return;
    const runs = (queue: QueueName) => this.runWorkers === true || (Array.isArray(this.runWorkers) && this.runWorkers.includes(queue));
    const timing = { lockMs: this.config.JOB_LOCK_MS, retryBaseMs: this.config.JOB_RETRY_BASE_MS, retryMaxMs: this.config.JOB_RETRY_MAX_MS };
    for (const queue of new Set([...this.handlers.values()].map((entry) => entry.queue).filter(runs))) {
      const worker = this.backend.createWorker(queue, (job) => this.dispatch(job), 4, timing);
      worker.on('failed', (job, error) => this.logger.warn({ queue, job: job?.name, jobId: job?.id, err: error }, 'job failed'));
      worker.on('error', (error) => this.closing || this.logger.warn({ queue, err: error }, 'worker error'));
      this.workers.push(worker);
    }
    this.logger.log(`workers started on the ${this.backend.kind} backend: ${this.workers.map((worker) => worker.name).join(', ')}`);
    // In the background: a queue unreachable at start must not hold the start up.
    this.declareSchedules(SCHEDULED_JOBS.filter(({ job }) => runs(QUEUE_OF_JOB[job])));
  }

  /**
   * Declares the periodic jobs of the queues run here, at start and whenever Redis comes back (it may have restarted
   * without its data): declaring again changes nothing.
   */
  private declareSchedules(schedules: typeof SCHEDULED_JOBS): void {
    const declare = async () => {
      for (const { job, repeat } of schedules) {
        await this.producer.schedule(job, repeat(this.config)).catch((error: unknown) => this.closing || this.logger.warn({ job, err: error }, 'job scheduler not declared'));
      }
    };
    void declare();
    this.backend.onReconnect(() => void declare());
  }

  /** Runs a job's handler directly, as a worker would (used to replay a delivery). */
  async dispatch(job: Pick<Job, 'name' | 'data'> & Partial<Pick<Job, 'attemptsMade' | 'opts'>>): Promise<unknown> {
    const entry = this.handlers.get(job.name as JobName);
    if (!entry) throw new Error(`no handler for job ${job.name}`);
    const envelope = job.data as JobEnvelope;
    const finalAttempt = (job.attemptsMade ?? 0) + 1 >= (job.opts?.attempts ?? 1);
    return entry.handle(envelope.payload, { eventIds: envelope.eventIds, finalAttempt });
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
