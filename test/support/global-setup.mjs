import { chmodSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import services from './services.cjs';

const { redisAnswers, startRedis } = services;

const require = createRequire(import.meta.url);
export const TEMPLATE_DATABASE = 'clause_tracker_template';

/**
 * Starts what the tests need when no URL is given: an embedded PostgreSQL in a temporary folder and redis-server
 * from the PATH. Creates a migrated template database from which each test file clones its own database.
 */
export default async function globalSetup() {
  // `npm test` compiles first: the migrations and the embedded server come from the same build the service runs.
  const { startEmbeddedPostgres } = require('../../dist/platform/database/embedded-postgres.js');
  const { runMigrations } = require('../../dist/platform/database/data-source.js');
  const { ENTITIES } = require('../../dist/entities.js');
  const { MIGRATIONS } = require('../../dist/migrations/index.js');

  let database;
  if (process.env.DATABASE_URL) {
    database = { url: process.env.DATABASE_URL, stop: async () => undefined };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'clause-tracker-test-'));
    chmodSync(dataDir, 0o777);
    database = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await client.end();
  const templateUrl = new URL(database.url);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await runMigrations(templateUrl.toString(), ENTITIES, MIGRATIONS);

  let redis;
  if (process.env.REDIS_URL) {
    if (!(await redisAnswers(process.env.REDIS_URL, 3000))) throw new Error(`REDIS_URL=${process.env.REDIS_URL} does not answer PING`);
    redis = { url: process.env.REDIS_URL, stop: async () => undefined };
  } else {
    redis = await startRedis();
  }

  process.env.CT_TEST_DATABASE_URL = database.url;
  process.env.CT_TEST_TEMPLATE = TEMPLATE_DATABASE;
  process.env.CT_TEST_REDIS_URL = redis.url;
  globalThis.__CT_SERVICES__ = { database, redis };
}
