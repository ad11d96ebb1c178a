import { INestApplicationContext, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { AppConfig, ConfigError, loadConfig } from './platform/config/app-config';
import { runMigrations } from './platform/database/data-source';
import { isDatabaseUnavailable } from './platform/database/database-unavailable';
import { RunningDatabase, startEmbeddedPostgres } from './platform/database/embedded-postgres';
import { PlatformOptions } from './platform/platform.module';
import { QueueName } from './platform/queue/queues';
import { mailDestination } from './platform/mail/mail-transport';

export interface Runtime {
  config: AppConfig;
  database: RunningDatabase;
  options: PlatformOptions;
  /** True when this process started the embedded PostgreSQL (and must stop it). */
  embedded: boolean;
}

/** Outside production, a missing JWT secret is generated once and kept beside the embedded database. */
function jwtSecretFor(config: AppConfig): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  const dataDir = resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * Everything an entry point needs before Nest starts: validated configuration, a database (DATABASE_URL or the
 * embedded one, migrated), the queue backend (Redis when REDIS_URL is set, else BullMQ on PostgreSQL).
 */
export async function prepareRuntime(options: { runWorkers?: boolean | QueueName[]; migrate?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<Runtime> {
  const config = loadConfig(options.env);
  const embedded = !config.DATABASE_URL;
  const database: RunningDatabase = config.DATABASE_URL
    ? { url: config.DATABASE_URL, stop: async () => undefined }
    : await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT });
  try {
    if (options.migrate ?? embedded) await runMigrations(database.url, ENTITIES, MIGRATIONS);
  } catch (error) {
    await database.stop();
    throw error;
  }
  return {
    config,
    database,
    embedded,
    options: {
      config,
      databaseUrl: database.url,
      queue: config.REDIS_URL
        ? { kind: 'redis', url: config.REDIS_URL, prefix: config.QUEUE_PREFIX }
        : { kind: 'postgres', url: database.url, prefix: config.QUEUE_PREFIX },
      jwtSecret: jwtSecretFor(config),
      runWorkers: options.runWorkers ?? config.RUN_WORKERS,
    },
  };
}

/** Entry points report a bad configuration as one line per variable, and exit without a stack trace. */
export function exitOnStartError(error: unknown): never {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) process.stderr.write(`Configuration: ${problem}\n`);
  } else {
    process.stderr.write(`Start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}

/** Says which database and which queue backend this process runs on. */
export function announce(runtime: Runtime, message: string): void {
  new Logger('Bootstrap').log(
    {
      database: runtime.database.location ? `embedded PostgreSQL in ${runtime.database.location}` : 'DATABASE_URL',
      queueBackend: runtime.options.queue.kind,
      workers: runtime.options.runWorkers,
      mail: mailDestination(runtime.config),
    },
    `${message} (queues on ${runtime.options.queue.kind === 'redis' ? 'Redis' : 'PostgreSQL (BullMQ backend)'})`,
  );
}


/** How long a lost database is given to turn out to be a stop (its signal still on its way) before it is a crash. */
const STOP_SIGNAL_GRACE_MS = 1000;

/** How long each step of a stop may take before the stop goes on without it (a connection that never ends). */
const CLOSE_TIMEOUT_MS = 10_000;

/** Waits for a step of the stop, but not forever: a stop that hangs is worse than one that leaves a step undone. */
async function withinStopTimeout(step: Promise<unknown>, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_TIMEOUT_MS)));
  if ((await Promise.race([step, late])) === 'late') new Logger('Bootstrap').warn(`${what} took more than ${CLOSE_TIMEOUT_MS / 1000} s: stopping without waiting for it`);
  clearTimeout(timer);
}

/** On SIGINT or SIGTERM: close the application (workers, relay, connections), then stop the embedded database. */
export function stopOnSignal(app: INestApplicationContext, runtime: Runtime): void {
  let stopping = false;
  // Ctrl+C in a terminal signals the whole process group, the embedded PostgreSQL too, which then ends its sessions,
  // sometimes before this process has handled the signal itself. A client whose session ends then may raise an error
  // nobody listens to (BullMQ's PostgreSQL backend (6.7) removes its LISTEN client's error listener before ending
  // it): losing the database is expected while stopping, or just before. Any other uncaught error is a crash.
  process.on('uncaughtException', (error) => {
    if (isDatabaseUnavailable(error)) {
      setTimeout(() => {
        if (stopping) return;
        console.error(error);
        process.exit(1);
      }, STOP_SIGNAL_GRACE_MS);
      return;
    }
    console.error(error);
    process.exit(1);
  });
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await withinStopTimeout(app.close().catch(() => undefined), 'closing the application');
    await withinStopTimeout(runtime.database.stop(), 'stopping the embedded PostgreSQL');
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
