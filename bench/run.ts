/**
 * `npm run bench`: the national benchmarks, each against a baseline measured in the same run on the same database,
 * written to bench/RESULTS.md. Scale with BENCH_SCALE (default 1, the 2017 national magnitudes).
 *
 * Processes: an embedded PostgreSQL (or DATABASE_URL), redis-server when installed (or REDIS_URL; else BullMQ on
 * PostgreSQL), the API (`dist/main.js`) and a worker (`dist/worker.js`) as separate processes, the CLI for the
 * hours import and for accounts.
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres';
import { writeStructureFiles } from './generate-structure';
import type { ConsolidationReport } from '../src/modules/consolidation/consolidation.rules';
import { generateNationalDataset } from './national-dataset';
import { plieDifferences } from './plie-checks';

const ROOT = resolve(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const CONNECTIONS = 10;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? '15');
const CONSOLIDATION_RUNS = 5;
const PASSWORD = 'benchmark password 2017';

interface Result {
  name: string;
  figure: string;
  baseline: string;
  ratio: string;
  target: string;
  pass: boolean;
}

const results: Result[] = [];
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function record(result: Result): void {
  results.push(result);
  log(`${result.name}: ${result.figure} (baseline ${result.baseline}, ratio ${result.ratio}) → ${result.pass ? 'pass' : 'MISS'} (${result.target})`);
}

/** Linux clock ticks per second (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

/** CPU time used so far (clock ticks) by the API, the worker, every PostgreSQL process and this process (autocannon). */
function cpuTicks(apiPid: number, workerPid: number): { at: number; api: number; worker: number; postgres: number; bench: number } {
  const ticks = (pid: number | string) => {
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
  let postgres = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') postgres += ticks(pid);
    } catch {
      // The process ended while we read it.
    }
  }
  const own = process.cpuUsage();
  return { at: Date.now(), api: ticks(apiPid), worker: ticks(workerPid), postgres, bench: ((own.user + own.system) / 1e6) * CLOCK_TICKS };
}

function cpuShares(before: ReturnType<typeof cpuTicks>, after: ReturnType<typeof cpuTicks>): string {
  const elapsed = ((after.at - before.at) / 1000) * CLOCK_TICKS;
  const share = (key: 'api' | 'worker' | 'postgres' | 'bench') => ((after[key] - before[key]) / elapsed).toFixed(2);
  return `API ${share('api')}, PostgreSQL ${share('postgres')}, worker ${share('worker')}, autocannon and probe ${share('bench')} (of ${cpus().length})`;
}

/** Peak resident memory of a process since it started (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((row) => row.startsWith('VmHWM:'))!;
  return Math.round(Number(line.replace(/\D/g, '')) / 1024);
}

function cli(args: string[], env: NodeJS.ProcessEnv): { stdout: string; ms: number } {
  const started = Date.now();
  const result = spawnSync('node', [join(DIST, 'cli.js'), ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`cli ${args.join(' ')} failed: ${result.stdout}\n${result.stderr}`);
  return { stdout: result.stdout, ms: Date.now() - started };
}

async function waitUntil<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs: number, what: string, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined as T);
    if (value !== undefined && accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}

function startProcess(file: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn('node', [join(DIST, file)], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  child.on('exit', (code) => code && code !== 0 && log(`${file} exited with ${code}`));
  return child;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

async function startRedis(): Promise<{ url: string; stop(): void } | undefined> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: () => undefined };
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) return undefined;
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  await waitUntil(async () => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim(), (answer) => answer === 'PONG', 10_000, 'redis');
  return { url, stop: () => child.kill('SIGTERM') };
}

async function api(base: string, path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  return fetch(`${base}${path}`, { ...init, headers });
}

async function login(base: string, email: string): Promise<string> {
  const response = await api(base, '/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Waits until the workers have applied every fulfilment recompute asked for. */
async function fulfilmentApplied(sql: Client): Promise<void> {
  await waitUntil(
    async () => (await sql.query(`SELECT count(*)::int AS n FROM outbox_event WHERE applied_at IS NULL AND job_name = 'recompute-fulfilment'`)).rows[0].n as number,
    (pending) => pending === 0,
    300_000,
    'the fulfilment backlog',
  );
}

async function main(): Promise<void> {
  const began = Date.now();
  const workDir = mkdtempSync(join(tmpdir(), 'ct-bench-'));
  // As root, PostgreSQL runs as the `postgres` user, who must reach the data folder inside this one.
  chmodSync(workDir, 0o777);
  const dataDir = join(workDir, 'data');
  log(`scale ${SCALE}, working in ${workDir}`);
  const database = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, stop: async () => undefined }
    : await startEmbeddedPostgres({ dataDir, database: 'clause_tracker' });
  const redis = await startRedis();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    JWT_SECRET: 'benchmark-secret-benchmark-secret-benchmark-secret',
    DATA_DIR: dataDir,
    ...(redis ? { REDIS_URL: redis.url } : {}),
  };
  delete env.RUN_WORKERS;
  const sql = new Client({ connectionString: database.url });
  const children: ChildProcess[] = [];
  try {
    cli(['migrate'], env);
    await sql.connect();
    const [{ server_version: version }] = (await sql.query('SHOW server_version')).rows as { server_version: string }[];
    const queueBackend = redis ? 'Redis' : 'PostgreSQL (BullMQ backend)';

    // The dataset, and the accounts.
    const files = join(workDir, 'national');
    const generation = Date.now();
    const targets = await generateNationalDataset(files, SCALE);
    log(`dataset generated in ${seconds(Date.now() - generation)}`);
    cli(['user:create', '--role', 'ADMIN', '--email', 'admin@bench.fr', '--password', PASSWORD], env);
    cli(['user:create', '--role', 'NATIONAL', '--email', 'national@bench.fr', '--password', PASSWORD], env);

    const port = 30000 + Math.floor(Math.random() * 20000);
    const base = `http://127.0.0.1:${port}`;
    const apiProcess = startProcess('main.js', { ...env, PORT: String(port) });
    const workerProcess = startProcess('worker.js', env);
    children.push(apiProcess, workerProcess);
    await waitUntil(() => api(base, '/health').then((response) => response.status), (status) => status === 200, 60_000, 'the API');
    const admin = await login(base, 'admin@bench.fr');
    const national = await login(base, 'national@bench.fr');

    // Import: every file but the hours through the API (as an administrator), the hours through the CLI, timed.
    for (const kind of ['structures', 'buyers', 'operations', 'markets', 'companies', 'awards', 'participants', 'work_contracts']) {
      const started = Date.now();
      const form = new FormData();
      form.append('file', new Blob([readFileSync(join(files, `${kind}.csv`))]), `${kind}.csv`);
      const response = await api(base, `/imports/${kind}`, { method: 'POST', body: form, token: admin });
      if (response.status !== 200) throw new Error(`import ${kind}: ${response.status} ${(await response.text()).slice(0, 500)}`);
      log(`import ${kind} (API): ${seconds(Date.now() - started)}`);
    }
    // The hours import is timed, like its floor below, on a database at rest: after the workers have recomputed the
    // fulfilment the imports above asked for (work that would otherwise share the two cores with the import).
    await fulfilmentApplied(sql);
    const hoursFile = join(files, 'hours.csv');
    const hoursRows = readFileSync(hoursFile, 'utf8').split('\n').length - 2;
    const imported = cli(['import', 'hours', hoursFile], env);
    const importRate = hoursRows / (imported.ms / 1000);
    for (const kind of ['plie_pathways', 'plie_steps', 'plie_annual_data']) cli(['import', kind, join(files, `${kind}.csv`)], env);
    // Let the workers finish the fulfilment recomputes the imports asked for, as they would overnight.
    await fulfilmentApplied(sql);

    // The limit: COPY of the same file into a bare table.
    await sql.query('DROP TABLE IF EXISTS bench_copy_hours');
    await sql.query('CREATE TABLE bench_copy_hours (structure_ref text, work_contract_ref text, month text, hours_worked text, training_hours text)');
    const copyStarted = Date.now();
    await pipeline(createReadStream(hoursFile), sql.query(copyFrom('COPY bench_copy_hours FROM STDIN WITH (FORMAT csv, HEADER true)')));
    const copyMs = Date.now() - copyStarted;
    await sql.query('DROP TABLE bench_copy_hours');
    const copyRate = hoursRows / (copyMs / 1000);
    // What writing the same rows into the hours table costs by itself (its indexes and foreign key, no validation,
    // no audit): the floor of any import that keeps those constraints.
    await sql.query('CREATE TABLE bench_floor_hours (LIKE hours_entry INCLUDING DEFAULTS INCLUDING INDEXES)');
    await sql.query('ALTER TABLE bench_floor_hours ADD FOREIGN KEY (work_contract_id) REFERENCES work_contract (id)');
    const floorStarted = Date.now();
    await sql.query('INSERT INTO bench_floor_hours SELECT * FROM hours_entry');
    const floorRate = hoursRows / ((Date.now() - floorStarted) / 1000);
    await sql.query('DROP TABLE bench_floor_hours');
    record({
      name: `Import of ${hoursRows.toLocaleString('en')} hours rows (\`npm run cli -- import hours\`: parse, every rule, merge, audit, import record)`,
      figure: `${Math.round(importRate).toLocaleString('en')} rows/s (${seconds(imported.ms)})`,
      baseline:
        `the table's own floor, INSERT … SELECT of the same rows into a copy of hours_entry (indexes, foreign key): ${Math.round(floorRate).toLocaleString('en')} rows/s; ` +
        `for information, COPY into a bare table: ${Math.round(copyRate).toLocaleString('en')} rows/s (${seconds(copyMs)}), the import at ${(importRate / copyRate).toFixed(3)} of it`,
      ratio: `${(importRate / floorRate).toFixed(3)} of the floor`,
      target: '≥ 0.5 of the floor',
      pass: importRate / floorRate >= 0.5,
    });

    // And what the database does by itself in the hours after a national load: autovacuum's statistics and settled
    // row visibility (the first read of a freshly written row otherwise pays for it, in whichever query comes first),
    // and the checkpoint that writes the load's pages out (otherwise it runs during the next measurement).
    const vacuumStarted = Date.now();
    await sql.query('VACUUM (ANALYZE)');
    await sql.query('CHECKPOINT');
    log(`VACUUM (ANALYZE) and CHECKPOINT after the import: ${seconds(Date.now() - vacuumStarted)}`);

    // Consolidation, against one hand-written query computing the clause headline: each measured five times, one
    // after the other, and compared by their medians (one run of either moves by a third on this shared machine).
    const baselineRuns: number[] = [];
    const consolidationRuns: { ms: number; workerMs: number; id: string }[] = [];
    let headline: { hours: string } | undefined;
    for (let run = 0; run < CONSOLIDATION_RUNS; run += 1) {
      const baselineStarted = Date.now();
      headline = (await sql.query(HAND_WRITTEN_HEADLINE)).rows[0];
      baselineRuns.push(Date.now() - baselineStarted);
      consolidationRuns.push(await consolidate(base, national, sql));
    }
    const baselineMs = percentile(baselineRuns, 50);
    const consolidationMs = percentile(consolidationRuns.map((run) => run.ms), 50);
    const first = consolidationRuns[0]!;
    const report = (await (await api(base, `/consolidations/${first.id}/report.json`, { token: national })).json()) as ConsolidationReport;
    const plieDiffers = plieDifferences(report, targets);
    if (plieDiffers.length > 0) log(`PLIE figures differing from the targets: ${plieDiffers.slice(0, 10).join('; ')}`);
    const reproduced =
      report.clause.headline.insertionHours.value === Number(targets.clause.insertionHours.value) &&
      report.clause.headline.workContracts.value === targets.clause.workContracts.value &&
      Number(headline!.hours) === Number(targets.clause.insertionHours.value) &&
      plieDiffers.length === 0;
    for (const format of ['xlsx', 'html']) await (await api(base, `/consolidations/${first.id}/report.${format}`, { token: national })).arrayBuffer();
    record({
      name: `National 2017 consolidation (POST /consolidations → DONE, after the import's backlog, VACUUM ANALYZE and CHECKPOINT; median of ${CONSOLIDATION_RUNS})${reproduced ? ', reference figures reproduced (clause headline, PLIE Table 1BIS, Tables 4–7 and 10)' : ', FIGURES DIFFER FROM THE TARGETS'}`,
      figure: `${seconds(consolidationMs)} (runs: ${consolidationRuns.map((run) => `${seconds(run.ms)}, worker ${seconds(run.workerMs)}`).join('; ')})`,
      baseline: `hand-written headline query: ${seconds(baselineMs)} (runs: ${baselineRuns.map(seconds).join(', ')})`,
      ratio: `${(consolidationMs / baselineMs).toFixed(2)}×`,
      target: '< 10 s and < 5× the query',
      pass: reproduced && consolidationMs < 10_000 && consolidationMs < 5 * baselineMs,
    });
    const memory = { api: peakRssMb(apiProcess.pid!), worker: peakRssMb(workerProcess.pid!) };
    record({
      name: 'Peak RSS during the national import and consolidation',
      figure: `API ${memory.api} MB, worker ${memory.worker} MB`,
      baseline: '—',
      ratio: '—',
      target: '≤ 300 MB each',
      pass: memory.api <= 300 && memory.worker <= 300,
    });

    // Recording hours over HTTP, against GET /health under the same load; freshness sampled meanwhile.
    const target = (await sql.query(LOAD_TARGET)).rows[0] as LoadTarget;
    cli(['user:create', '--role', 'FACILITATOR', '--email', 'facilitator@bench.fr', '--password', PASSWORD, '--structure', target.structure_ref], env);
    await measureRecording(base, sql, target, { api: apiProcess, worker: workerProcess }, queueBackend, true);

    await measureWebPages(base, env, join(workDir, 'large'), sql);

    // Freshness again with the queues on PostgreSQL (BullMQ's backend), when the run above used Redis.
    if (redis) {
      await Promise.all([stopProcess(apiProcess), stopProcess(workerProcess)]);
      const onPostgres = { ...env };
      delete onPostgres.REDIS_URL;
      const pgPort = port + 1;
      const pgBase = `http://127.0.0.1:${pgPort}`;
      const pgApi = startProcess('main.js', { ...onPostgres, PORT: String(pgPort) });
      const pgWorker = startProcess('worker.js', onPostgres);
      children.push(pgApi, pgWorker);
      await waitUntil(() => api(pgBase, '/health').then((response) => response.status), (status) => status === 200, 60_000, 'the API on the PostgreSQL queue backend');
      await measureRecording(pgBase, sql, target, { api: pgApi, worker: pgWorker }, 'PostgreSQL (BullMQ backend)', false);
    }

    writeResults({ version, queueBackend, totalMs: Date.now() - began, targets: `${targets.clause.workContracts.value.toLocaleString('en')} contracts of 2017, ${hoursRows.toLocaleString('en')} hours rows` });
  } finally {
    await Promise.all(children.map(stopProcess));
    await sql.end().catch(() => undefined);
    redis?.stop();
    await database.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * The large structure: 2,000 markets and 4,000 contracts of 12 months (48,000 hours rows). Two contracts a market is
 * already more than the country's 1.4 (48,585 contracts on 34,022 markets in 2017), all of them running at once.
 */
const LARGE_STRUCTURE = { markets: 2_000, hours: 48_000 };
const PAGE_SAMPLES = 200;

/**
 * The facilitator's first two pages on a structure of 2,000 markets: the dashboard (figures of every market, the
 * year's totals, the contracts without hours in December) and the markets list, each asked PAGE_SAMPLES times in turn on the loopback, against GET /health
 * asked the same way.
 */
async function measureWebPages(base: string, env: NodeJS.ProcessEnv, folder: string, sql: Client): Promise<void> {
  const counts = await writeStructureFiles(folder, LARGE_STRUCTURE.hours, LARGE_STRUCTURE.markets);
  cli(['structure:create', '--ref', 'BENCH-2000', '--name', 'Structure de 2 000 marchés', '--kind', 'PLIE'], env);
  for (const kind of ['buyers', 'companies', 'markets', 'awards', 'participants', 'work_contracts', 'hours']) {
    cli(['import', kind, join(folder, `${kind}.csv`), '--structure', 'BENCH-2000'], env);
  }
  cli(['user:create', '--role', 'FACILITATOR', '--email', 'web@bench.fr', '--password', PASSWORD, '--structure', 'BENCH-2000'], env);
  await waitUntil(
    async () => (await sql.query(`SELECT count(*)::int AS n FROM outbox_event WHERE applied_at IS NULL`)).rows[0].n as number,
    (pending) => pending === 0,
    300_000,
    'the large structure’s backlog',
    200,
  );
  // As after the national import: what autovacuum does by itself within minutes of a load of that size.
  await sql.query('VACUUM (ANALYZE)');
  const cookie = await webLogin(base, 'web@bench.fr');
  const timed = async (path: string, headers: Record<string, string> = {}) => {
    const samples: number[] = [];
    for (let index = 0; index < PAGE_SAMPLES; index += 1) {
      const started = performance.now();
      const response = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      samples.push(performance.now() - started);
    }
    return Math.round(percentile(samples, 95) * 10) / 10;
  };
  const health = await timed('/health');
  // The year of the structure's contracts and hours, where the dashboard has the most to count.
  const dashboard = await timed('/tableau-de-bord?annee=2017', { cookie });
  const markets = await timed('/marches', { cookie });
  record({
    name: `Web pages of a structure with ${counts.markets.toLocaleString('en')} markets and ${counts.contracts.toLocaleString('en')} contracts (${PAGE_SAMPLES} requests each, one at a time)`,
    figure: `dashboard p95 ${dashboard} ms, markets list p95 ${markets} ms`,
    baseline: `GET /health p95 ${health} ms`,
    ratio: `${(dashboard / health).toFixed(1)}× and ${(markets / health).toFixed(1)}× /health`,
    target: 'p95 ≤ 100 ms',
    pass: dashboard <= 100 && markets <= 100,
  });
}

/** Logs in through the web login form, as a browser does: the session cookie. */
async function webLogin(base: string, email: string): Promise<string> {
  const form = await fetch(`${base}/connexion`);
  const loginCookie = (form.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const answer = await fetch(`${base}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password: PASSWORD }).toString(),
  });
  if (answer.status !== 303) throw new Error(`web login: ${answer.status}`);
  return (answer.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/**
 * Requests the national 2017 consolidation and waits for it: time from the request to DONE, and the worker's own. Its
 * status is read in the database every 10 ms (a read of one row by its key): asking the API every 100 ms added up to
 * 100 ms to each figure, and asking it more often would take CPU from the run it times.
 */
async function consolidate(base: string, token: string, sql: Client): Promise<{ ms: number; workerMs: number; id: string }> {
  const started = Date.now();
  const accepted = (await (await api(base, '/consolidations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ year: 2017 }), token })).json()) as { id: string };
  const done = await waitUntil(
    async () => (await sql.query(`SELECT status, started_at, finished_at FROM consolidation WHERE id = $1`, [accepted.id])).rows[0] as { status: string; started_at: Date; finished_at: Date },
    (row) => row.status === 'DONE' || row.status === 'FAILED',
    120_000,
    'the consolidation',
    10,
  );
  const ms = Date.now() - started;
  if (done.status !== 'DONE') throw new Error('consolidation failed');
  return { ms, workerMs: done.finished_at.getTime() - done.started_at.getTime(), id: accepted.id };
}

/** The nearest-rank percentile `p` of the values (NaN when there are none). */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** The clause headline of 2017 in one query, written by hand: the floor the consolidation is compared with. */
const HAND_WRITTEN_HEADLINE = `
  SELECT
    (SELECT sum(h.hours_worked + CASE WHEN m.training_counts THEN coalesce(h.training_hours, 0) ELSE 0 END)
       FROM hours_entry h JOIN work_contract c ON c.id = h.work_contract_id JOIN market m ON m.id = c.market_id
      WHERE h.status = 'VALIDATED' AND h.month BETWEEN '2017-01-01' AND '2017-12-01') AS hours,
    (SELECT count(*) FROM work_contract WHERE start_date <= '2017-12-31' AND (end_date IS NULL OR end_date >= '2017-01-01')) AS contracts,
    (SELECT count(DISTINCT participant_id) FROM work_contract WHERE start_date <= '2017-12-31' AND (end_date IS NULL OR end_date >= '2017-01-01')) AS participants,
    (SELECT count(*) FROM market m WHERE start_date <= '2017-12-31' AND end_date >= '2017-01-01'
        AND NOT EXISTS (SELECT 1 FROM market lot WHERE lot.parent_market_id = m.id)) AS markets,
    (SELECT count(DISTINCT coalesce(b.siret, b.id::text)) FROM market m JOIN buyer b ON b.id = m.buyer_id
      WHERE m.start_date <= '2017-12-31' AND m.end_date >= '2017-01-01') AS buyers,
    (SELECT count(DISTINCT operation_id) FROM market WHERE start_date <= '2017-12-31' AND end_date >= '2017-01-01') AS operations,
    (SELECT count(DISTINCT co.siret) FROM company co WHERE co.id IN (
        SELECT a.company_id FROM award a JOIN market m ON m.id = a.market_id WHERE m.start_date <= '2017-12-31' AND m.end_date >= '2017-01-01'
        UNION SELECT employer_id FROM work_contract WHERE start_date <= '2017-12-31' AND (end_date IS NULL OR end_date >= '2017-01-01'))) AS companies`;

/** The structure with the most 2017 contracts, and in it a market with a single contract for the freshness probe. */
const LOAD_TARGET = `
  WITH busiest AS (
    SELECT s.id, s.ref FROM structure s JOIN work_contract c ON c.structure_id = s.id GROUP BY s.id ORDER BY count(*) DESC LIMIT 1
  ), single AS (
    SELECT c.market_id, min(c.ref) AS ref FROM work_contract c JOIN busiest ON c.structure_id = busiest.id
    WHERE c.start_date >= '2017-01-01' GROUP BY c.market_id HAVING count(*) = 1 LIMIT 1
  )
  SELECT busiest.ref AS structure_ref, single.market_id, single.ref AS sample_contract,
         (SELECT to_char(min(month), 'YYYY-MM') FROM hours_entry h JOIN work_contract c ON c.id = h.work_contract_id WHERE c.ref = single.ref AND c.structure_id = busiest.id) AS sample_month
  FROM busiest, single`;

/** The validated hours of a market, as the fulfilment worker counts them. */
const PROBE_TRUTH = `
  SELECT coalesce(sum(h.hours_worked + CASE WHEN m.training_counts THEN h.training_hours ELSE 0 END), 0) AS hours
  FROM market m JOIN work_contract c ON c.market_id = m.id JOIN hours_entry h ON h.work_contract_id = c.id
  WHERE m.id = $1 AND h.status = 'VALIDATED' AND h.month BETWEEN date_trunc('month', m.start_date) AND m.end_date`;

/**
 * The (contract, month) pairs the load corrects: existing months of the structure's 2017 contracts, but not the probe
 * market's, whose figure the freshness probe compares with what it just recorded.
 */
const LOAD_CONTRACTS = `
  SELECT c.ref, to_char(h.month, 'YYYY-MM') AS month FROM hours_entry h JOIN work_contract c ON c.id = h.work_contract_id
  JOIN structure s ON s.id = c.structure_id WHERE s.ref = $1 AND c.market_id <> $2 AND h.month >= '2017-01-01' ORDER BY c.ref, h.month LIMIT 5000`;

async function load(base: string, request: autocannon.Request): Promise<{ rps: number; p99: number; errors: number; non2xx: number }> {
  const result = await autocannon({ url: base, connections: CONNECTIONS, duration: LOAD_SECONDS, requests: [request] });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

type LoadTarget = { structure_ref: string; market_id: string; sample_contract: string; sample_month: string };

/**
 * Recording hours over HTTP under load (against GET /health under the same load) with the fulfilment's freshness
 * sampled meanwhile, on the processes given; `full` also records the recording line (the queue backend's second
 * pass records freshness only).
 */
async function measureRecording(base: string, sql: Client, target: LoadTarget, processes: { api: ChildProcess; worker: ChildProcess }, backend: string, full: boolean): Promise<void> {
  const contracts = (await sql.query(LOAD_CONTRACTS, [target.structure_ref, target.market_id])).rows as { ref: string; month: string }[];
  const facilitator = await login(base, 'facilitator@bench.fr');
  const health = full ? await load(base, { method: 'GET', path: '/health' }) : undefined;
  // Freshness at rest first: the floor of the outbox → queue → worker path, without load.
  const atRest: FreshnessSample[] = [];
  const resting = sampleFreshness(base, facilitator, sql, target, atRest);
  await new Promise((resolveDelay) => setTimeout(resolveDelay, 3000));
  resting.stop();
  await resting.done;
  log(`freshness at rest (${backend}), from the answer: ${atRest.map((sample) => sample.fromAnswer).join(', ')} ms; from the request: ${atRest.map((sample) => sample.fromRequest).join(', ')} ms`);
  let counter = 0;
  const freshness: FreshnessSample[] = [];
  const cpuBefore = cpuTicks(processes.api.pid!, processes.worker.pid!);
  const sampling = sampleFreshness(base, facilitator, sql, target, freshness);
  const recording = await load(base, {
    method: 'POST',
    path: '/hours',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${facilitator}` },
    setupRequest: (request) => {
      counter += 1;
      const row = contracts[counter % contracts.length]!;
      return { ...request, body: JSON.stringify({ workContractRef: row.ref, month: row.month, hoursWorked: String(20 + (counter % 100) / 4) }) };
    },
  });
  const cpu = cpuShares(cpuBefore, cpuTicks(processes.api.pid!, processes.worker.pid!));
  sampling.stop();
  await sampling.done;
  log(`freshness under load (${backend}), slowest samples: ${slowest(freshness)}`);
  if (health) {
    record({
      name: `Recording hours, POST /hours, ${CONNECTIONS} connections, ${LOAD_SECONDS} s`,
      figure: `${Math.round(recording.rps)} req/s, p99 ${recording.p99} ms (${recording.errors} errors, ${recording.non2xx} non-2xx); CPU during the load, in cores: ${cpu}`,
      baseline: `GET /health: ${Math.round(health.rps)} req/s, p99 ${health.p99} ms`,
      ratio: `${(recording.rps / health.rps).toFixed(2)} of /health`,
      target: '≥ 500 req/s and p99 ≤ 50 ms',
      pass: recording.rps >= 500 && recording.p99 <= 50 && recording.errors === 0 && recording.non2xx === 0,
    });
  }
  const loaded = freshnessFigures(freshness);
  const rest = freshnessFigures(atRest);
  record({
    name: `Fulfilment freshness during the recording load, queues on ${backend} (${freshness.length} samples; ${Math.round(recording.rps)} POST /hours a second meanwhile)`,
    figure: `from the write's answer to its market's figure: ${loaded.fromAnswer}; from the request: ${loaded.fromRequest}`,
    baseline: `at rest, from the answer: ${rest.fromAnswer}, from the request: ${rest.fromRequest}; the relay woken by NOTIFY, its safety-net poll every ${process.env.OUTBOX_POLL_MS ?? 5000} ms`,
    ratio: '—',
    target: 'p99 ≤ 100 ms from the answer',
    pass: freshness.length > 0 && loaded.p99 <= 100,
  });
}

/**
 * One freshness sample: from the write's answer (it is committed) to its market's figure showing it, the judged
 * figure; from the request, which adds the request's own time under the load (its line is the recording one); and
 * where the time went: the request, the commit to the job's publication, the publication to its application.
 */
type FreshnessSample = { fromAnswer: number; fromRequest: number; request: number; relay: number; worker: number };

/** The stages of the probe market's last recompute event since a sample started (milliseconds). */
const PROBE_STAGES = `
  SELECT round(extract(epoch FROM published_at - created_at) * 1000)::int AS relay, round(extract(epoch FROM applied_at - published_at) * 1000)::int AS worker
    FROM outbox_event WHERE job_name = 'recompute-fulfilment' AND payload->'marketIds' ? $1::text AND created_at >= to_timestamp($2)
   ORDER BY id DESC LIMIT 1`;

/** The slowest samples with their stages, for the log. */
function slowest(samples: FreshnessSample[]): string {
  return [...samples]
    .sort((a, b) => b.fromRequest - a.fromRequest)
    .slice(0, 3)
    .map((sample) => `${sample.fromRequest} ms (request ${sample.request} ms, commit → published ${sample.relay} ms, published → applied ${sample.worker} ms, answer → shown ${sample.fromAnswer} ms)`)
    .join('; ');
}

/** p50 and p99 of the samples, from the answer and from the request. */
function freshnessFigures(samples: FreshnessSample[]): { fromAnswer: string; fromRequest: string; p99: number } {
  const fromAnswer = samples.map((sample) => sample.fromAnswer);
  const fromRequest = samples.map((sample) => sample.fromRequest);
  return {
    fromAnswer: `p50 ${percentile(fromAnswer, 50)} ms, p99 ${percentile(fromAnswer, 99)} ms`,
    fromRequest: `p50 ${percentile(fromRequest, 50)} ms, p99 ${percentile(fromRequest, 99)} ms`,
    p99: percentile(fromAnswer, 99),
  };
}

/**
 * Every 250 ms, records a new value on the probe contract's month and times how long the market's fulfilment takes
 * to show it (the workers' table, read directly).
 */
function sampleFreshness(base: string, token: string, sql: Client, target: { market_id: string; sample_contract: string; sample_month: string }, samples: FreshnessSample[]) {
  let running = true;
  const done = (async () => {
    for (let sample = 1; running; sample += 1) {
      const hours = `${100 + (sample % 50)}.${String(sample % 100).padStart(2, '0')}`;
      const started = Date.now();
      const response = await api(base, '/hours', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ workContractRef: target.sample_contract, month: target.sample_month, hoursWorked: hours }),
        token,
      });
      if (response.status >= 300) throw new Error(`freshness probe: ${response.status} ${await response.text()}`);
      const answered = Date.now();
      // What the market's figure must become, from the hours themselves, by the fulfilment's own rule.
      const expected = Number((await sql.query(PROBE_TRUTH, [target.market_id])).rows[0].hours);
      await waitUntil(
        async () => Number((await sql.query('SELECT validated_hours FROM market_fulfilment WHERE market_id = $1', [target.market_id])).rows[0]?.validated_hours),
        (value) => Math.abs(value - expected) < 0.001,
        30_000,
        'the fulfilment of the probe market',
        5,
      );
      const shown = Date.now();
      const stages = (await sql.query(PROBE_STAGES, [target.market_id, started / 1000])).rows[0] as { relay: number; worker: number } | undefined;
      samples.push({ fromAnswer: shown - answered, fromRequest: shown - started, request: answered - started, relay: stages?.relay ?? NaN, worker: stages?.worker ?? NaN });
      await new Promise((resolveDelay) => setTimeout(resolveDelay, 250));
    }
  })();
  return { stop: () => (running = false), done };
}

function writeResults(context: { version: string; queueBackend: string; totalMs: number; targets: string }): void {
  const cpu = cpus();
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString()} (${seconds(context.totalMs)} in all).`,
    '',
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}, PostgreSQL ${context.version}, queues on ${context.queueBackend}.`,
    `Data: \`bench/national-dataset.ts\` at scale ${SCALE} (${context.targets}).`,
    '',
    '| benchmark | figure | baseline (same run) | ratio | target | result |',
    '|---|---|---|---|---|---|',
    ...results.map((result) => `| ${result.name} | ${result.figure} | ${result.baseline} | ${result.ratio} | ${result.target} | ${result.pass ? 'pass' : '**miss**'} |`),
    '',
  ];
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), lines.join('\n'));
  log(`bench/RESULTS.md written`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
