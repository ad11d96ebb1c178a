import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/entities';
import { MIGRATIONS } from '../../src/migrations';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { FulfilmentService } from '../../src/modules/fulfilment/fulfilment.service';
import { ImportsService } from '../../src/modules/imports/imports.service';
import { Role } from '../../src/platform/auth/roles';
import { runMigrations } from '../../src/platform/database/data-source';
import { JobName, QueueName } from '../../src/platform/queue/queues';
import { createStructure, startContextOn, startHttpOn, TEST_PASSWORD } from '../support/app';
import { createTestDatabase, TestDatabase } from '../support/database';
import { FIXTURE_DIR, FIXTURE_KINDS } from '../support/fixtures';
import { fulfilmentAgrees, fulfilmentFromHours, maintainedFulfilment } from '../support/fulfilment';
import { PostgresServer, RedisServer, startPostgres, startRedis } from '../support/services.cjs';
import { waitFor } from '../support/wait';

const STRUCTURE = 'PLIE-FAULTS';
/** CT-0001's August 2017 goes from 75 h to 116.67 h: +41.67 h on its market once applied. */
const CHANGED_HOURS = 'work_contract_ref;month;hours_worked;training_hours\nCT-0001;2017-08;116,67;\n';

const directory = mkdtempSync(join(tmpdir(), 'ct-faults-'));

async function importFile(context: INestApplicationContext | INestApplication, kind: string, path: string): Promise<void> {
  const answer = await context.get(ImportsService).run(kind, path, { scope: { kind: 'all' }, actor: { id: null, label: 'test' } }, STRUCTURE);
  if ('errors' in answer) throw new Error(`${kind}: ${JSON.stringify(answer.errors)}`);
}

async function loadFixture(context: INestApplicationContext | INestApplication): Promise<void> {
  await createStructure(context as INestApplicationContext, STRUCTURE);
  for (const kind of FIXTURE_KINDS) await importFile(context, kind, join(FIXTURE_DIR, `${kind}.csv`));
}

async function changeHours(context: INestApplicationContext | INestApplication): Promise<void> {
  const path = join(directory, `hours-${randomBytes(3).toString('hex')}.csv`);
  writeFileSync(path, CHANGED_HOURS);
  await importFile(context, 'hours', path);
}

const owedEvents = (dataSource: DataSource) =>
  dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE applied_at IS NULL`).then((rows: { n: number }[]) => rows[0]!.n);

/** The fulfilment queue, paused so that a published job waits in it (as it does behind a backlog). */
async function pausedFulfilmentQueue(redisUrl: string, prefix: string): Promise<Queue> {
  const queue = new Queue(QueueName.Fulfilment, { connection: { url: redisUrl, maxRetriesPerRequest: 1 }, prefix });
  queue.on('error', () => undefined);
  await queue.pause();
  return queue;
}

describe('background work survives the loss of its queue', () => {
  let redis: RedisServer;
  let database: TestDatabase;
  let context: INestApplicationContext;
  let dataSource: DataSource;
  const prefix = `t${randomBytes(5).toString('hex')}`;

  beforeAll(async () => {
    redis = await startRedis();
    database = await createTestDatabase();
    context = await startContextOn(database.url, { runWorkers: true, redisUrl: redis.url, prefix, env: { OUTBOX_LEASE_MS: '1500' } });
    dataSource = context.get(DataSource);
    await loadFixture(context);
    await waitFor(() => owedEvents(dataSource), (owed) => owed === 0, 20_000);
  }, 60_000);
  afterAll(async () => {
    await context.close();
    await redis.stop();
    await database.drop();
  });

  it('publishes again a job that a Redis crash lost while it waited, and the figures end equal to the hours', async () => {
    const queue = await pausedFulfilmentQueue(redis.url, prefix);
    await changeHours(context);
    const [event]: { id: string }[] = await waitFor(
      () => dataSource.query(`SELECT id FROM outbox_event WHERE applied_at IS NULL AND published_at IS NOT NULL`),
      (rows: unknown[]) => rows.length === 1,
    );
    expect(await queue.getJobState(`event-${event!.id}`)).toMatch(/waiting|paused/);
    await queue.close();

    // Redis without persistence, killed and started again: the waiting job is gone, the queue no longer paused.
    await redis.stop();
    redis = await startRedis(redis.port);
    expect(await fulfilmentAgrees(dataSource)).toBe(false);

    // The relay finds the job gone once the event's lease runs out, and publishes the event again under a new job.
    const [after]: { applied_at: Date | null; publications: number }[] = await waitFor(
      () => dataSource.query(`SELECT applied_at, publications FROM outbox_event WHERE id = $1`, [event!.id]),
      (rows: { applied_at: Date | null }[]) => rows[0]!.applied_at !== null,
      20_000,
    );
    expect(after).toMatchObject({ publications: 2 });
    expect(await maintainedFulfilment(dataSource)).toEqual(await fulfilmentFromHours(dataSource));
  }, 40_000);

  it('recomputes, on the periodic reconciliation, a market changed in a way no event announced', async () => {
    // A change that reached no queue at all (written behind the application's back): only the reconciliation sees it,
    // through the market's change version that the write bumped.
    await dataSource.query(`UPDATE hours_entry SET hours_worked = hours_worked + 10 WHERE month = '2017-09-01' AND work_contract_id = (SELECT id FROM work_contract WHERE ref = 'CT-0001')`);
    expect(await fulfilmentAgrees(dataSource)).toBe(false);

    expect((await context.get(FulfilmentService).reconcile()).markets).toBe(1);
    expect(await maintainedFulfilment(dataSource)).toEqual(await fulfilmentFromHours(dataSource));
    expect((await context.get(FulfilmentService).reconcile()).markets).toBe(0);

    // The workers keep it scheduled, once, whatever Redis went through.
    const queue = new Queue(QueueName.Fulfilment, { connection: { url: redis.url }, prefix });
    const schedulers = await queue.getJobSchedulers();
    await queue.close();
    expect(schedulers.map((scheduler) => [scheduler.key, scheduler.every])).toEqual([[JobName.ReconcileFulfilment, 300_000]]);
  });
});

describe('an outage of PostgreSQL', () => {
  let postgres: PostgresServer;
  let app: INestApplication;
  let dataSource: DataSource;
  let token: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'ct-faults-pg-'));
  const prefix = `t${randomBytes(5).toString('hex')}`;

  beforeAll(async () => {
    chmodSync(dataDir, 0o777);
    postgres = await startPostgres(dataDir, undefined, 'faults');
    await runMigrations(postgres.url, ENTITIES, MIGRATIONS);
    app = await startHttpOn(postgres.url, { runWorkers: true, prefix });
    dataSource = app.get(DataSource);
    await loadFixture(app);
    await waitFor(() => owedEvents(dataSource), (owed) => owed === 0, 20_000);
    await app.get(AccountsService).create({ email: 'national@faults.test', password: TEST_PASSWORD, role: Role.National });
    token = (await request(app.getHttpServer()).post('/auth/login').send({ email: 'national@faults.test', password: TEST_PASSWORD }).expect(200)).body.accessToken;
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await postgres.stop();
  });

  it('answers 503 with Retry-After while the database is down, keeps its jobs through a 12 s outage, and recovers by itself', async () => {
    const queue = await pausedFulfilmentQueue(process.env.CT_TEST_REDIS_URL!, prefix);
    await changeHours(app);
    await waitFor(() => dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE applied_at IS NULL AND published_at IS NOT NULL`), (rows: { n: number }[]) => rows[0]!.n === 1);

    await postgres.stop();
    const stoppedAt = Date.now();
    // The worker now takes the job and fails on every attempt while the database is away.
    await queue.resume();
    await queue.close();

    const answer = await request(app.getHttpServer()).get('/markets').set('Authorization', `Bearer ${token}`);
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect(answer.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(answer.body.message).toMatch(/base de données/);
    expect((await request(app.getHttpServer()).get('/health')).status).toBe(503);

    // Longer than the 7.5 s that five attempts used to last.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 12_000 - (Date.now() - stoppedAt))));
    postgres = await startPostgres(dataDir, postgres.port, 'faults');

    await waitFor(() => fulfilmentAgrees(dataSource).catch(() => false), (agrees) => agrees, 40_000);
    expect(await maintainedFulfilment(dataSource)).toEqual(await fulfilmentFromHours(dataSource));
    await request(app.getHttpServer()).get('/markets').set('Authorization', `Bearer ${token}`).expect(200);
  }, 90_000);
});
