import { createPostgresBackend, Job, Queue, Worker, withBackend } from 'bullmq';
import IORedis from 'ioredis';
import { QueueName, retryDelay } from './queues';

export type QueueBackendKind = 'redis' | 'postgres';

export interface QueueBackendOptions {
  kind: QueueBackendKind;
  /** redis://… for Redis, postgres://… (the application database) for BullMQ's PostgreSQL backend. */
  url: string;
  prefix: string;
}

type Processor = (job: Job) => Promise<unknown>;

/** How a worker holds its jobs and spaces their retries. */
export interface WorkerTiming {
  /** A job whose lock is not renewed for this long is taken over (its worker died). */
  lockMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

/** The backoff type of every job: retries doubling up to a maximum (see `retryDelay`). */
export const DOUBLING_BACKOFF = 'doubling';

/**
 * Creates BullMQ queues and workers on Redis (production: workers on several machines share the queues) or on
 * BullMQ's PostgreSQL backend (nothing to install: the queues live in a schema of the application database).
 */
export class QueueBackend {
  private readonly postgres = withBackend(createPostgresBackend);
  private readonly redisConnections: IORedis[] = [];
  private readonly reconnectListeners: (() => void)[] = [];

  constructor(readonly options: QueueBackendOptions) {}

  get kind(): QueueBackendKind {
    return this.options.kind;
  }

  createQueue(name: QueueName): Queue {
    // The PostgreSQL classes are typed with their own connection options; callers only use the common API.
    if (this.kind === 'postgres') return new this.postgres.Queue(name, { connection: this.postgresConnection() }) as unknown as Queue;
    // A producer must fail fast while Redis is down, so that the outbox keeps the event instead of a hung request.
    const connection = this.redis({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    return new Queue(name, { connection, prefix: this.options.prefix });
  }

  createWorker(name: QueueName, processor: Processor, concurrency: number, timing: WorkerTiming): Worker {
    const options = {
      concurrency,
      lockDuration: timing.lockMs,
      stalledInterval: timing.lockMs,
      settings: { backoffStrategy: (attemptsMade: number) => retryDelay(attemptsMade, timing.retryBaseMs, timing.retryMaxMs) },
    };
    if (this.kind === 'postgres') {
      return new this.postgres.Worker(name, processor, { connection: this.postgresConnection(), ...options }) as unknown as Worker;
    }
    const connection = this.redis({ maxRetriesPerRequest: null });
    return new Worker(name, processor, { connection, prefix: this.options.prefix, ...options });
  }

  /** Calls `listener` whenever a Redis connection is established again (the server may have restarted empty). */
  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  async close(): Promise<void> {
    await Promise.all(this.redisConnections.map((connection) => connection.quit().catch(() => connection.disconnect())));
  }

  private postgresConnection() {
    // Nest and BullMQ type the connection as Redis options; the PostgreSQL backend reads these fields.
    return { connectionString: this.options.url, migrate: true, schema: `bullmq_${this.options.prefix}` } as never;
  }

  private redis(options: { enableOfflineQueue?: boolean; maxRetriesPerRequest: number | null }): IORedis {
    const connection = new IORedis(this.options.url, {
      ...options,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    // Connection errors are retried by ioredis and surfaced by the calls that need Redis; do not crash on them.
    connection.on('error', () => undefined);
    let connectedBefore = false;
    connection.on('ready', () => {
      if (connectedBefore) for (const listener of this.reconnectListeners) listener();
      connectedBefore = true;
    });
    this.redisConnections.push(connection);
    return connection;
  }
}
