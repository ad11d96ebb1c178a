import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { clusterLocation, ROOT_CLUSTERS_DIR } from '../../src/platform/database/embedded-postgres';
import { createTestDatabase, TestDatabase } from '../support/database';
import { FIXTURE_DIR, FIXTURE_KINDS } from '../support/fixtures';
import { freePort } from '../support/services.cjs';

const DIST = join(__dirname, '..', '..', 'dist');
const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', LOG_LEVEL: 'warn' };

function runCli(args: string[], env: Record<string, string>) {
  return spawnSync('node', [join(DIST, 'cli.js'), ...args], { env: { ...baseEnv, ...env }, encoding: 'utf8', timeout: 60_000 });
}

function postgresRunningIn(clusterDir: string): boolean {
  const pidFile = join(clusterDir, 'postmaster.pid');
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1];
    return !state.startsWith('Z');
  } catch {
    return false;
  }
}

describe('entry points', () => {
  it('refuses to start on a bad configuration, one line per variable', () => {
    const result = spawnSync('node', [join(DIST, 'main.js')], {
      env: { ...baseEnv, PORT: 'http', REDIS_URL: 'localhost:6379' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Configuration: PORT="http" is invalid/), expect.stringMatching(/^Configuration: REDIS_URL="localhost:6379" is invalid: expected an URL redis:\/\//)]),
    );
  });

  describe('command line', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(() => database.drop());

    it('creates a structure and a facilitator account, printing JSON', () => {
      const env = { DATABASE_URL: database.url };
      const structure = runCli(['structure:create', '--ref', 'CLI-1', '--name', 'PLIE en ligne de commande', '--kind', 'PLIE'], env);
      expect(structure.status).toBe(0);
      expect(JSON.parse(structure.stdout)).toMatchObject({ ref: 'CLI-1', kind: 'PLIE' });
      const user = runCli(['user:create', '--role', 'FACILITATOR', '--email', 'cli@test.fr', '--password', 'a long enough password', '--structure', 'CLI-1'], env);
      expect(user.status).toBe(0);
      expect(JSON.parse(user.stdout)).toMatchObject({ email: 'cli@test.fr', role: 'FACILITATOR', structureRef: 'CLI-1' });
    });

    it('prints its usage on --help (or with no command) and exits 0', () => {
      for (const args of [['--help'], ['import', '--help'], []]) {
        const result = runCli(args, { DATABASE_URL: database.url });
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(/^Usage : npm run cli -- <commande>/);
        expect(result.stdout).toContain('consolidate --year ANNÉE');
      }
    });

    it('logs a request by its path and the names of its query parameters, never their values', async () => {
      const port = await freePort();
      const api = spawn('node', [join(DIST, 'main.js')], {
        env: { ...baseEnv, LOG_LEVEL: 'info', NODE_ENV: 'production', JWT_SECRET: 'log-test-secret-0123456789abcdefghijklmn', PORT: String(port), DATABASE_URL: database.url, REDIS_URL: process.env.CT_TEST_REDIS_URL! },
      });
      let output = '';
      api.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      try {
        for (let waited = 0; !(await fetch(`http://127.0.0.1:${port}/health`).then((answer) => answer.ok, () => false)); waited += 100) {
          if (waited > 30_000) throw new Error(`the API did not start: ${output}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect((await fetch(`http://127.0.0.1:${port}/participants?q=diallo-awa&page=1`)).status).toBe(401);
        for (let waited = 0; !output.includes('/participants?q=') && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        api.kill('SIGTERM');
      }
      expect(output).toContain('"url":"/participants?q=&page="');
      expect(output).not.toContain('diallo-awa');
    });

    it('explains bad input in French and exits 1', () => {
      const result = runCli(['user:create', '--role', 'BUYER', '--email', 'buyer@test.fr', '--password', 'a long enough password', '--siret', '123'], { DATABASE_URL: database.url });
      expect(result.status).toBe(1);
      expect(JSON.parse(result.stderr)).toEqual({ erreurs: [{ champ: 'siret', message: 'doit être un SIRET valide : 14 chiffres avec une clé de contrôle correcte' }] });
      const unknown = runCli(['frobnicate'], { DATABASE_URL: database.url });
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toMatch(/^Commande inconnue : frobnicate/);
    });

    it('imports the fixture structure file by file, then refuses a bad file with exit code 1, JSON on standard output', () => {
      const env = { DATABASE_URL: database.url };
      for (const kind of FIXTURE_KINDS) {
        const result = runCli(['import', kind, join(FIXTURE_DIR, `${kind}.csv`), '--structure', 'CLI-1'], env);
        expect(result.status).toBe(0);
        expect(JSON.parse(result.stdout)).toMatchObject({ kind, updated: 0, unchanged: 0 });
      }
      const again = runCli(['import', 'hours', join(FIXTURE_DIR, 'hours.csv'), '--structure', 'CLI-1'], env);
      expect(JSON.parse(again.stdout)).toEqual({ kind: 'hours', inserted: 0, updated: 0, unchanged: 377 });
      // Off a terminal, the progress is plain lines on standard error: each phase, then the end.
      expect(again.stderr.split('\n').filter(Boolean).map((line) => line.split(' ')[0])).toEqual(['Lecture', 'Vérification', 'Écriture', 'Terminé']);
      expect(again.stderr).toMatch(/^Terminé\s+377 lignes en \d+ s$/m);
      const badFile = join(mkdtempSync(join(tmpdir(), 'ct-import-')), 'hours.csv');
      writeFileSync(badFile, 'work_contract_ref;month;hours_worked\nCT-0001;2017-07;abc\n');
      const refused = runCli(['import', 'hours', badFile, '--structure', 'CLI-1'], env);
      expect(refused.status).toBe(1);
      expect(JSON.parse(refused.stdout)).toEqual({ kind: 'hours', errors: [{ line: 2, column: 'hours_worked', message: 'doit être un nombre (décimales séparées par « . » ou « , »)' }] });
      const noStructure = runCli(['import', 'buyers', join(FIXTURE_DIR, 'buyers.csv'), '--structure', 'NOWHERE'], env);
      expect(noStructure.status).toBe(1);
      expect(noStructure.stderr).toContain('Structure « NOWHERE » introuvable');
      const recompute = runCli(['fulfilment:recompute'], env);
      expect(JSON.parse(recompute.stdout)).toEqual({ structures: 1 });
    });

    it('consolidates 2017 through the queue: progress on standard error, the JSON or a file in each format', () => {
      const env = { DATABASE_URL: database.url };
      const national = runCli(['consolidate', '--year', '2017'], env);
      expect(national.status).toBe(0);
      const report = JSON.parse(national.stdout);
      expect(report).toMatchObject({ year: 2017, scope: { kind: 'national', ref: null } });
      expect(report.clause.headline.workContracts.value).toBeGreaterThan(0);
      expect(national.stderr).toMatch(/\[100 %\] Terminé/);
      const directory = mkdtempSync(join(tmpdir(), 'ct-consolidate-'));
      for (const format of ['html', 'xlsx', 'csv']) {
        const out = join(directory, `rapport.${format}`);
        const result = runCli(['consolidate', '--year', '2017', '--structure', 'CLI-1', '--format', format, '--out', out], env);
        expect(result.status).toBe(0);
        expect(JSON.parse(result.stdout)).toMatchObject({ format, file: out, summary: expect.stringContaining('Terminée') });
        const written = readFileSync(out);
        if (format === 'html') expect(written.toString()).toContain('<html lang="fr">');
        else expect(written.subarray(0, 2).toString()).toBe('PK');
      }
      const noFile = runCli(['consolidate', '--year', '2017', '--format', 'xlsx'], env);
      expect(noFile.status).toBe(1);
      expect(noFile.stderr).toContain('--out FICHIER');
      const twoScopes = runCli(['consolidate', '--year', '2017', '--structure', 'CLI-1', '--buyer', '21690123100011'], env);
      expect(twoScopes.status).toBe(1);
      const noYear = runCli(['consolidate'], env);
      expect(noYear.status).toBe(1);
      expect(noYear.stderr).toContain('year');
    }, 120_000);

    it('applies migrations (none left on a migrated database)', () => {
      const result = runCli(['migrate'], { DATABASE_URL: database.url });
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ applied: [] });
    });
  });

  describe('demo on the embedded defaults', () => {
    let dataDir: string;
    let demo: ChildProcess;
    let output = '';

    let clusterDir: string;

    beforeAll(() => {
      // A DATA_DIR inside a folder only its owner may go through (any `mktemp -d`, `/root/…`): PostgreSQL, run as the
      // `postgres` user when the demo runs as root, cannot reach it there.
      dataDir = join(mkdtempSync(join(tmpdir(), 'clause-tracker-demo-')), 'données');
      clusterDir = clusterLocation(dataDir);
    });
    afterAll(() => {
      if (demo && demo.exitCode === null) process.kill(-demo.pid!, 'SIGKILL');
      rmSync(dirname(dataDir), { recursive: true, force: true });
      rmSync(dirname(clusterDir), { recursive: true, force: true });
    });

    /** Starts the demo on the test's data folder and waits for its announcement. */
    const startDemo = async (port: number) => {
      output = '';
      // Its own process group, signalled as a whole like Ctrl+C in a terminal: the embedded PostgreSQL gets it too.
      demo = spawn('node', [join(DIST, 'demo.js')], { env: { ...baseEnv, PORT: String(port), DATA_DIR: dataDir }, detached: true });
      demo.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      demo.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const deadline = Date.now() + 60_000;
      while (!output.includes('Ctrl+C') && Date.now() < deadline && demo.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    };
    const stopDemo = async () => {
      const exited = new Promise<number | null>((resolve) => demo.once('exit', resolve));
      process.kill(-demo.pid!, 'SIGINT');
      // The output's end comes with the exit code, to say why a stop failed.
      const code = await exited;
      if (code !== 0) throw new Error(`the demo stopped with code ${code}; its output ends with:\n${output.slice(-3000)}`);
      expect(output).not.toMatch(/Unhandled|uncaught/i);
    };
    /** A web session opened through the login form, as a browser does. */
    const webLogin = async (base: string, email: string, password: string) => {
      const form = await fetch(`${base}/connexion`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
      const answer = await fetch(`${base}/connexion`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: form.headers.get('set-cookie')!.split(';')[0]!, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
      });
      return { status: answer.status, cookie: (answer.headers.get('set-cookie') ?? '').split(';')[0]! };
    };

    it('starts with an embedded PostgreSQL, the PostgreSQL queue backend and demo data, keeps its passwords, then stops leaving nothing behind', async () => {
      const port = await freePort();
      const base = `http://localhost:${port}`;
      await startDemo(port);
      expect(output).toContain(`Application    ${base}/`);
      expect(output).toContain(`API            ${base}/api/docs`);
      const password = output.match(/Administrateur admin@demo\.clause-tracker\.fr \/ (\S+)/)?.[1];
      const facilitatorPassword = output.match(/Facilitateur {3}facilitateur@demo\.clause-tracker\.fr \/ (\S+)/)?.[1];
      expect(password).toBeDefined();
      expect(output).toMatch(/Entreprise {5}entreprise@demo\.clause-tracker\.fr \/ \S+/);
      expect(output).toMatch(/Acheteur {7}acheteur@demo\.clause-tracker\.fr \/ \S+/);

      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', database: { status: 'up' }, queue: { backend: 'postgres', status: 'up' } });
      expect((await fetch(`${base}/api/docs`)).status).toBe(200);
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@demo.clause-tracker.fr', password }),
      });
      expect(login.status).toBe(200);
      // The facilitator opens the web application on the fixture structure's data.
      const session = await webLogin(base, 'facilitateur@demo.clause-tracker.fr', facilitatorPassword!);
      expect(session.status).toBe(303);
      const markets = await fetch(`${base}/marches?q=M17-001`, { headers: { cookie: session.cookie } });
      expect(markets.status).toBe(200);
      expect(await markets.text()).toContain('Démolition de la tour 10');
      expect(postgresRunningIn(clusterDir)).toBe(true);
      // As root, the cluster went where the postgres user can reach it, and the demo says where.
      expect(clusterDir).toEqual(process.getuid!() === 0 ? expect.stringMatching(new RegExp(`^${ROOT_CLUSTERS_DIR}/[0-9a-f]{16}/postgres$`)) : join(dataDir, 'postgres'));
      expect(output).toContain(`Base de données ${clusterDir}`);
      await stopDemo();

      // A second start on the same data keeps the accounts' passwords, and imports nothing again.
      await startDemo(port);
      expect(output).toContain('Facilitateur   facilitateur@demo.clause-tracker.fr / (mot de passe défini au premier démarrage)');
      expect((await webLogin(base, 'facilitateur@demo.clause-tracker.fr', facilitatorPassword!)).status).toBe(303);
      await stopDemo();
      expect(postgresRunningIn(clusterDir)).toBe(false);
    }, 150_000);
  });
});
