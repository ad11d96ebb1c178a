import { Client } from 'pg';
import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

/** Settings of every session, pooled or not (see `dataSourceOptions`). */
const SESSION_OPTIONS = '-c temp_buffers=64MB';

type EntityList = MixedList<string | (abstract new (...args: never[]) => unknown) | EntitySchema>;

export function dataSourceOptions(url: string, entities: EntityList, migrations: MixedList<string | (new () => unknown)> = []): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'schema_migration',
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    logging: false,
    // Imports and consolidations stage tens of megabytes in temporary tables; past PostgreSQL's default 8 MB of
    // temporary buffers they are written out and read back. Sessions only take this memory when they use it, and it
    // can only be set before a session's first temporary table: hence at connection.
    // A request waits at most 5 s for a connection: while the database is out of reach it is answered 503 instead
    // of hanging. Connections are opened again as the pool needs them, so the service recovers by itself. The
    // process id in the application name tells, in pg_stat_activity, which API or worker process a session serves.
    extra: { max: 20, application_name: `clause-tracker/${process.pid}`, options: SESSION_OPTIONS, connectionTimeoutMillis: 5000 },
  };
}

/**
 * A connection of its own, outside the pool and with the pool's session settings, for a session held as long as a
 * task runs (a LISTEN, a second backend working beside a transaction): taken from the pool, such sessions could
 * exhaust it while they wait for another connection.
 */
export function dedicatedClient(dataSource: DataSource, role: string): Client {
  const url = (dataSource.options as { url?: string }).url;
  return new Client({ connectionString: url, application_name: `clause-tracker/${process.pid}/${role}`, options: SESSION_OPTIONS, connectionTimeoutMillis: 5000 });
}

/** An arbitrary constant: the key of the advisory lock that serialises processes migrating the same database. */
const MIGRATION_LOCK = 7_317_001;

/** Applies pending migrations; concurrent callers (API and worker starting together) wait for each other. */
export async function runMigrations(url: string, entities: EntityList, migrations: (new () => unknown)[]): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url, entities, migrations));
  await dataSource.initialize();
  // The lock belongs to one session: hold it on a dedicated connection while the migrations run on others.
  const lockHolder = dataSource.createQueryRunner();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lockHolder.release();
    await dataSource.destroy();
  }
}
