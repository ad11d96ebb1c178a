import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { datasetTargets, generateNationalDataset } from '../../bench/national-dataset';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { IMPORT_KINDS } from '../../src/modules/imports/imports.rules';
import { Role } from '../../src/platform/auth/roles';
import { JobName, QueueName } from '../../src/platform/queue/queues';
import { startContextOn, TEST_PASSWORD } from '../support/app';
import { createTestDatabase, TestDatabase } from '../support/database';
import { fulfilmentAgrees, fulfilmentFromHours, maintainedFulfilment } from '../support/fulfilment';
import { freePort } from '../support/services.cjs';
import { waitFor } from '../support/wait';

const DIST = join(__dirname, '..', '..', 'dist');
const SCALE = 0.02;

/**
 * Production's shape: two API processes and worker processes, separate from each other, on one Redis and one
 * PostgreSQL. Workers are killed (SIGKILL, as the kernel's OOM killer or a lost machine does) in the middle of a
 * national consolidation and of a fulfilment backlog; the ones left must finish both, with correct figures.
 *
 * To kill a worker "in the middle" deterministically, the test holds an exclusive lock on the hours while the jobs
 * start: the worker's sessions wait on it inside their jobs (pg_stat_activity tells which process each session
 * serves), the worker is killed, then the lock is released.
 */
describe('API and worker processes sharing one Redis and one PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let closeContext: () => Promise<unknown>;
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const logs = mkdtempSync(join(tmpdir(), 'ct-processes-'));
  const processes: ChildProcess[] = [];
  const apis: string[] = [];
  const targets = datasetTargets(SCALE);
  let token: string;

  function start(entry: 'main' | 'worker', env: Record<string, string> = {}): ChildProcess {
    const log = openSync(join(logs, `${entry}-${processes.length}.log`), 'a');
    const child = spawn(process.execPath, [join(DIST, `${entry}.js`)], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        JWT_SECRET: 'multi-process-test-secret-0123456789abcdef',
        DATABASE_URL: database.url,
        REDIS_URL: process.env.CT_TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        LOG_LEVEL: 'warn',
        OUTBOX_POLL_MS: '100',
        OUTBOX_LEASE_MS: '3000',
        JOB_LOCK_MS: '2000',
        DATA_DIR: logs,
        ...env,
      },
      stdio: ['ignore', log, log],
    });
    processes.push(child);
    return child;
  }

  const kill = async (child: ChildProcess) => {
    child.kill('SIGKILL');
    await waitFor(async () => child.exitCode !== null || child.signalCode !== null, (gone) => gone, 5000);
  };

  /** What the sessions of a process that wait for a lock (inside a job, here) are running: consolidation, recompute. */
  const waitingJobs = (child: ChildProcess) =>
    dataSource
      .query(`SELECT query FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`, [`clause-tracker/${child.pid}`])
      .then((rows: { query: string }[]) => ({
        consolidation: rows.some((row) => row.query.includes('consolidation_')),
        recompute: rows.some((row) => row.query.includes('/* recompute-fulfilment */')),
      }));

  const consolidation = (id: string) =>
    dataSource.query(`SELECT status, interruptions, error FROM consolidation WHERE id = $1`, [id]).then((rows: { status: string; interruptions: number; error: string | null }[]) => rows[0]!);

  /** A connection holding an exclusive lock on the hours until `release`: every job reading them waits. */
  async function holdHours(): Promise<{ release(): Promise<void> }> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query('LOCK TABLE hours_entry IN ACCESS EXCLUSIVE MODE');
    return { release: () => client.query('COMMIT').then(() => client.end()) };
  }

  async function requestConsolidation(api: string): Promise<string> {
    const answer = await request(api).post('/consolidations').set('Authorization', `Bearer ${token}`).send({ year: 2017, scope: { kind: 'national' } }).expect(202);
    return answer.body.id;
  }

  async function expectReferenceFigures(api: string, id: string): Promise<void> {
    const report = (await request(api).get(`/consolidations/${id}/report.json`).set('Authorization', `Bearer ${token}`).expect(200)).body;
    const { headline } = report.clause;
    expect(headline.insertionHours.value).toBe(Number(targets.clause.insertionHours.value));
    expect(headline.workContracts.value).toBe(targets.clause.workContracts.value);
    expect(headline.participants.value).toBe(targets.clause.participants.value);
    expect(headline.markets.value).toBe(targets.clause.markets);
    expect(headline.companies.value).toBe(targets.clause.companies.value);
    expect(report.reportingStructures).toHaveLength(targets.structures);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const context = await startContextOn(database.url, { prefix });
    dataSource = context.get(DataSource);
    closeContext = () => context.close();
    await context.get(AccountsService).create({ email: 'admin@processes.test', password: TEST_PASSWORD, role: Role.Admin });
    for (let index = 0; index < 2; index += 1) {
      const port = await freePort();
      start('main', { PORT: String(port), RUN_WORKERS: 'false' });
      apis.push(`http://127.0.0.1:${port}`);
    }
    for (const api of apis) await waitFor(() => request(api).get('/health').then((answer) => answer.status, () => 0), (status) => status === 200, 30_000);
    token = (await request(apis[0]!).post('/auth/login').send({ email: 'admin@processes.test', password: TEST_PASSWORD }).expect(200)).body.accessToken;

    // The national dataset at 1/50, imported through the first API while no worker runs: its fulfilment work waits.
    const directory = mkdtempSync(join(tmpdir(), 'ct-processes-national-'));
    await generateNationalDataset(directory, SCALE);
    for (const kind of IMPORT_KINDS) {
      const answer = await request(apis[0]!).post(`/imports/${kind}`).set('Authorization', `Bearer ${token}`).attach('file', join(directory, `${kind}.csv`));
      if (answer.status !== 200) throw new Error(`${kind}: ${JSON.stringify(answer.body).slice(0, 500)}`);
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(processes.map((child) => (child.exitCode === null && child.signalCode === null ? kill(child) : undefined)));
    await closeContext();
    await database.drop();
  });

  it('finishes, on the surviving worker, the consolidation and the fulfilment backlog a killed worker was running', async () => {
    const hours = await holdHours();
    const id = await requestConsolidation(apis[1]!);
    const first = start('worker');
    // The first worker has taken the consolidation and fulfilment recomputes, and waits inside them.
    await waitFor(() => consolidation(id), (row) => row.status === 'RUNNING', 30_000);
    await waitFor(() => waitingJobs(first), (jobs) => jobs.consolidation && jobs.recompute, 30_000);
    const second = start('worker');
    await waitFor(() => dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`, [`clause-tracker/${second.pid}`]), (rows: { n: number }[]) => rows[0]!.n > 0, 30_000);
    await kill(first);
    await hours.release();

    await waitFor(() => consolidation(id), (row) => row.status === 'DONE' || row.status === 'FAILED', 60_000);
    expect(await consolidation(id)).toMatchObject({ status: 'DONE', interruptions: 1 });
    await expectReferenceFigures(apis[0]!, id);

    await waitFor(() => dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE applied_at IS NULL`), (rows: { n: number }[]) => rows[0]!.n === 0, 60_000);
    expect(await fulfilmentAgrees(dataSource)).toBe(true);
    expect(await maintainedFulfilment(dataSource)).toEqual(await fulfilmentFromHours(dataSource));
    // The killed worker's jobs went back to the queue and were taken over: no event had to be published twice.
    const published: { publications: number; n: number }[] = await dataSource.query(`SELECT publications, count(*)::int AS n FROM outbox_event GROUP BY publications`);
    expect(published).toEqual([{ publications: 1, n: expect.any(Number) }]);
    // Every worker declared the reconciliation: BullMQ keeps one scheduler.
    const queue = new Queue(QueueName.Fulfilment, { connection: { url: process.env.CT_TEST_REDIS_URL! }, prefix });
    const schedulers = await queue.getJobSchedulers();
    await queue.close();
    expect(schedulers.map((scheduler) => scheduler.key)).toEqual([JobName.ReconcileFulfilment]);
  }, 150_000);

  it('finishes a consolidation whose worker was killed twice mid-run, by publishing its failed job again', async () => {
    const survivor = processes.find((child) => child.exitCode === null && child.signalCode === null && child.spawnargs[1]!.endsWith('worker.js'))!;
    const hours = await holdHours();
    const id = await requestConsolidation(apis[0]!);
    await waitFor(() => consolidation(id), (row) => row.status === 'RUNNING', 30_000);
    await waitFor(() => waitingJobs(survivor), (jobs) => jobs.consolidation, 30_000);

    const third = start('worker');
    await kill(survivor);
    // The third worker finds the job stalled, takes it over, and waits on the hours in its turn.
    await waitFor(() => consolidation(id), (row) => row.interruptions === 1, 30_000);
    await waitFor(() => waitingJobs(third), (jobs) => jobs.consolidation, 30_000);
    const fourth = start('worker');
    await kill(third);
    await hours.release();

    // Stalled twice, the job fails in BullMQ; the relay finds it failed once the lease is over and publishes it again.
    await waitFor(() => consolidation(id), (row) => row.status === 'DONE' || row.status === 'FAILED', 60_000);
    expect(await consolidation(id)).toMatchObject({ status: 'DONE', interruptions: 2, error: null });
    await expectReferenceFigures(apis[1]!, id);
    const [event]: { publications: number; applied_at: Date | null }[] = await dataSource.query(
      `SELECT publications, applied_at FROM outbox_event WHERE job_name = $1 AND payload->>'consolidationId' = $2`,
      [JobName.RunConsolidation, id],
    );
    expect(event!.publications).toBe(2);
    expect(event!.applied_at).not.toBeNull();
    expect(fourth.exitCode).toBeNull();
  }, 150_000);
});
