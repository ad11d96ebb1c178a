import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RemindersService } from '../../src/modules/reminders/reminders.service';
import { Role } from '../../src/platform/auth/roles';
import { Clock } from '../../src/platform/clock';
import { MailOutbox } from '../../src/platform/mail/mail-outbox';
import { JobName, QueueName } from '../../src/platform/queue/queues';
import { WorkerHost } from '../../src/platform/queue/worker-host';
import { accountWithToken, createStructure, startContextOn, startTestApp, TestApp } from '../support/app';
import { createTestDatabase, TestDatabase } from '../support/database';
import { importCsv, importFixtures } from '../support/fixtures';
import { startSmtp, TestSmtp } from '../support/smtp';
import { waitFor } from '../support/wait';

/** TP Sud Lyon, a company of the fixture with four contracts running in November 2017. */
const COMPANY_SIRET = '51234567000214';
const BASE = 'https://clause.example.fr';

describe('reminders, notifications and e-mail through a real SMTP server', () => {
  let smtp: TestSmtp;
  let testApp: TestApp;
  let dataSource: DataSource;
  let reminders: RemindersService;
  let facilitator: { id: string; email: string; token: string };
  let company: { id: string; email: string; token: string };
  let mutedCompany: { id: string; email: string; token: string };
  const prefix = `t${Math.random().toString(36).slice(2, 10)}`;
  /** What the facilitator was told on the first run (4 December 2017). */
  let firstDayFacts: { title: string; body: string; link: string; kind: string }[] = [];

  const notificationsOf = (token: string) =>
    request(testApp.http).get('/notifications').query({ pageSize: 200 }).set('Authorization', `Bearer ${token}`).expect(200).then((answer) => answer.body as { total: number; items: { title: string; body: string; link: string; kind: string }[] });
  /** Waits until every e-mail written so far has left (sent or failed for good). */
  const mailSettled = () => waitFor(() => dataSource.query(`SELECT count(*)::int AS n FROM mail_message WHERE status = 'PENDING'`), (rows: { n: number }[]) => rows[0]!.n === 0, 20_000);

  beforeAll(async () => {
    smtp = await startSmtp();
    testApp = await startTestApp({ runWorkers: true, prefix, env: { SMTP_URL: smtp.url, PUBLIC_URL: BASE, JOB_RETRY_BASE_MS: '50', JOB_RETRY_MAX_MS: '200' } });
    dataSource = testApp.dataSource;
    reminders = testApp.app.get(RemindersService);
    const structure = await createStructure(testApp, 'PLIE-RAPPELS');
    facilitator = await accountWithToken(testApp, Role.Facilitator, { structureRef: structure.ref });
    company = await accountWithToken(testApp, Role.Company, { siret: COMPANY_SIRET });
    mutedCompany = await accountWithToken(testApp, Role.Company, { siret: COMPANY_SIRET });
    await importFixtures(testApp, facilitator.token);
    // November 2017 left undeclared by TP Sud Lyon but for one contract, declared on 20 November and not validated since.
    await dataSource.query(
      `DELETE FROM hours_entry h USING work_contract wc, company c
        WHERE wc.id = h.work_contract_id AND c.id = wc.employer_id AND c.siret = $1 AND h.month = '2017-11-01'`,
      [COMPANY_SIRET],
    );
    const contract = (await dataSource.query(`SELECT id FROM work_contract WHERE ref = 'CT-0001'`))[0].id as string;
    await request(testApp.http).post(`/work-contracts/${contract}/hours`).set('Authorization', `Bearer ${company.token}`).send({ month: '2017-11', hoursWorked: '100' }).expect(201);
    await dataSource.query(`UPDATE hours_entry SET updated_at = '2017-11-20T10:00:00+01' WHERE status = 'DECLARED'`);
    // A job exit that reached six months on 20 November 2017, in P-0001's open pathway.
    const step = await importCsv(testApp, facilitator.token, 'plie_steps', 'participant_ref,kind,start_date,end_date,funded_by_plie,structure_kind\nP-0001,EXIT_JOB,2017-05-20,,false,\n');
    expect(step.status).toBe(200);
    await request(testApp.http)
      .put('/account/notification-preferences')
      .set('Authorization', `Bearer ${mutedCompany.token}`)
      .send({ mutedKinds: ['DECLARATION_REMINDER'] })
      .expect(200);
    await waitFor(() => dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE applied_at IS NULL`), (rows: { n: number }[]) => rows[0]!.n === 0, 30_000);
  }, 120_000);

  afterAll(async () => {
    await testApp.close();
    await smtp.close();
  });

  it('reminds a company from the 5th, then weekly, three times at most, then lists it for its facilitator', async () => {
    // The 4th: the facilitator's facts of the day, nothing yet for the company.
    expect(await reminders.runDay('2017-12-04')).toContain('(0 rappel(s) aux entreprises, ');
    expect((await notificationsOf(company.token)).total).toBe(0);
    firstDayFacts = (await notificationsOf(facilitator.token)).items;

    expect(await reminders.runDay('2017-12-05')).toContain('2 rappel(s) aux entreprises');
    await mailSettled();
    const first = await notificationsOf(company.token);
    expect(first.items).toEqual([
      expect.objectContaining({
        kind: 'DECLARATION_REMINDER',
        title: 'Déclarez vos heures d’insertion de novembre 2017',
        link: '/entreprise/declaration?mois=2017-11',
        body: expect.stringContaining('3 contrats de TP Sud Lyon sur 1 marché attendent la déclaration des heures de novembre 2017'),
      }),
    ]);
    expect(first.items[0]!.body).toContain('Rappel 1 sur 3.');
    const [mail] = smtp.to(company.email);
    expect(mail).toMatchObject({ subject: 'Clause Tracker — Déclarez vos heures d’insertion de novembre 2017' });
    expect(mail!.text).toContain(`${BASE}/entreprise/declaration?mois=2017-11`);
    expect(mail!.html).toContain(`<a href="${BASE}/entreprise/declaration?mois=2017-11">`);
    expect(mail!.messageId).toMatch(/@clause-tracker>$/);

    // The same day again: done once, nothing more.
    expect(await reminders.runDay('2017-12-05')).toBeUndefined();
    expect(await reminders.runDay('2017-12-11')).not.toContain('1 rappel');
    expect((await notificationsOf(company.token)).total).toBe(1);
    const late = () => request(testApp.http).get('/reminders/late-declarations').query({ month: '2017-11' }).set('Authorization', `Bearer ${facilitator.token}`).expect(200).then((answer) => answer.body as { siret: string; reminders: number }[]);
    expect((await late()).map((row) => row.siret)).not.toContain(COMPANY_SIRET);

    await reminders.runDay('2017-12-12');
    await reminders.runDay('2017-12-19');
    await reminders.runDay('2017-12-26');
    await mailSettled();
    const titles = (await notificationsOf(company.token)).items.map((item) => item.body.match(/Rappel \d sur 3/)![0]);
    expect(titles).toEqual(['Rappel 3 sur 3', 'Rappel 2 sur 3', 'Rappel 1 sur 3']);
    expect(smtp.to(company.email)).toHaveLength(3);
    expect((await late()).find((row) => row.siret === COMPANY_SIRET)).toMatchObject({ reminders: 3, name: 'TP Sud Lyon', contracts: 3 });
  });

  it('gives a kind turned off in « Mon compte » as a notification only, never by e-mail', async () => {
    expect((await notificationsOf(mutedCompany.token)).total).toBe(3);
    expect(smtp.to(mutedCompany.email)).toEqual([]);
  });

  it('sends a facilitator one e-mail a day listing every fact, each also a notification with its page', async () => {
    const notes = firstDayFacts;
    const kinds = new Set(notes.map((note) => note.kind));
    expect(kinds).toEqual(new Set(['DECLARATIONS_WAITING', 'MARKET_BEHIND', 'MARKET_ENDING', 'EXIT_TO_VALIDATE']));
    expect(notes.find((note) => note.kind === 'DECLARATIONS_WAITING')).toMatchObject({ title: '1 déclaration d’heures à valider', link: '/declarations' });
    expect(notes.find((note) => note.kind === 'EXIT_TO_VALIDATE')).toMatchObject({ title: 'Sortie en emploi à valider (P-0001)', body: expect.stringContaining('a atteint 6 mois le 20/11/2017') });
    expect(notes.find((note) => note.kind === 'MARKET_ENDING')).toMatchObject({ title: 'Marché M17-012 : fin le 31/12/2017' });
    // Each fact is told once: a market behind on the 4th is not told again on the days after.
    expect((await notificationsOf(facilitator.token)).items.filter((note) => note.title === 'Marché M17-003 en retard')).toHaveLength(1);
    const mails = smtp.to(facilitator.email);
    expect(mails[0]!.subject).toBe(`Clause Tracker — ${notes.length} points à suivre le 04/12/2017`);
    for (const note of notes) expect(mails[0]!.text).toContain(`${BASE}${note.link}`);
    // At most one e-mail a day, whatever the number of facts.
    const days = mails.map((mail) => mail.subject.match(/\d\d\/\d\d\/\d{4}$/)?.[0] ?? mail.subject);
    expect(new Set(days).size).toBe(mails.length);
  });

  it('marks notifications read, one or all, and counts the unread', async () => {
    const count = () => request(testApp.http).get('/notifications/unread-count').set('Authorization', `Bearer ${company.token}`).expect(200).then((answer) => answer.body.unread as number);
    const list = await request(testApp.http).get('/notifications').query({ unread: 'true' }).set('Authorization', `Bearer ${company.token}`).expect(200);
    expect(await count()).toBe(3);
    await request(testApp.http).post(`/notifications/${list.body.items[0].id}/read`).set('Authorization', `Bearer ${company.token}`).expect(200);
    expect(await count()).toBe(2);
    // Another account's notification is not found, and stays unread.
    await request(testApp.http).post(`/notifications/${list.body.items[1].id}/read`).set('Authorization', `Bearer ${mutedCompany.token}`).expect(404);
    expect((await request(testApp.http).post('/notifications/read-all').set('Authorization', `Bearer ${company.token}`).expect(200)).body).toEqual({ marked: 2 });
    expect(await count()).toBe(0);
    const refused = await request(testApp.http).put('/account/notification-preferences').set('Authorization', `Bearer ${company.token}`).send({ mutedKinds: ['NEWSLETTER'] }).expect(400);
    expect(refused.body.erreurs).toEqual([{ champ: 'mutedKinds', message: expect.stringContaining('ne contient que des types parmi') }]);
  });

  it('runs the reminders at 7:00 in Paris on one scheduler, for the day it is in France, visible to an administrator', async () => {
    const queue = new Queue(QueueName.Maintenance, { connection: { url: process.env.CT_TEST_REDIS_URL! }, prefix });
    const schedulers = await waitFor(() => queue.getJobSchedulers(), (found) => found.some((scheduler) => scheduler.key === JobName.RunReminders), 10_000);
    await queue.close();
    const scheduler = schedulers.find((found) => found.key === JobName.RunReminders)!;
    expect(scheduler).toMatchObject({ pattern: '0 7 * * *', tz: 'Europe/Paris' });
    const next = new Date(scheduler.next!);
    expect(new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(next)).toBe('07:00');
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);

    // 23:30 UTC on 31 December is already 1 January in France: that is the day the scheduled run does.
    jest.spyOn(testApp.app.get(Clock), 'now').mockReturnValue(new Date('2017-12-31T23:30:00Z'));
    const answer = await testApp.app.get(WorkerHost).dispatch({ name: JobName.RunReminders, data: { eventIds: [], payload: {} } });
    expect(answer).toMatch(/notification/);
    expect(await testApp.app.get(WorkerHost).dispatch({ name: JobName.RunReminders, data: { eventIds: [], payload: {} } })).toBe('déjà faits ce jour');
    jest.restoreAllMocks();

    const admin = await accountWithToken(testApp, Role.Admin);
    const states = (await request(testApp.http).get('/admin/schedules').set('Authorization', `Bearer ${admin.token}`).expect(200)).body as { job: string; when: string; nextRunAt: string; lastRun: { period: string; outcome: string; startedAt: string; finishedAt: string } }[];
    expect(states.find((state) => state.job === JobName.RunReminders)).toMatchObject({
      when: 'tous les jours à 07:00 (heure de Paris)',
      nextRunAt: next.toISOString(),
      lastRun: { period: '2018-01-01', outcome: 'DONE' },
    });
    const { lastRun } = states.find((state) => state.job === JobName.RunReminders)!;
    // A run starts when its transaction does and finishes when its work is done.
    expect(Date.parse(lastRun.finishedAt)).toBeGreaterThanOrEqual(Date.parse(lastRun.startedAt));
  });

  it('gives up at once on an address the server refuses for good, and retries a server busy for a while', async () => {
    let busy = 2;
    smtp.onRecipient = (address) => {
      if (address === 'inconnu@clause.example.fr') return { code: 550, message: 'No such user' };
      if (address === 'occupe@clause.example.fr' && busy > 0) {
        busy -= 1;
        return { code: 421, message: 'Try again later' };
      }
      return undefined;
    };
    const mail = testApp.app.get(MailOutbox);
    await dataSource.transaction(async (manager) => {
      await mail.enqueue(manager, { to: 'inconnu@clause.example.fr', userId: null, subject: 'Refusé', text: 'texte', html: '<p>texte</p>' });
      await mail.enqueue(manager, { to: 'occupe@clause.example.fr', userId: null, subject: 'Retardé', text: 'texte', html: '<p>texte</p>' });
    });
    await mailSettled();
    const rows: { recipient: string; status: string; attempts: number; last_error: string | null }[] = await dataSource.query(
      `SELECT recipient, status, attempts, last_error FROM mail_message WHERE recipient LIKE '%@clause.example.fr' ORDER BY recipient`,
    );
    expect(rows).toEqual([
      { recipient: 'inconnu@clause.example.fr', status: 'FAILED', attempts: 1, last_error: expect.stringContaining('550') },
      { recipient: 'occupe@clause.example.fr', status: 'SENT', attempts: 3, last_error: null },
    ]);
    expect(smtp.to('occupe@clause.example.fr')).toHaveLength(1);
    expect(smtp.to('inconnu@clause.example.fr')).toHaveLength(0);
    // Both events are done with: nothing will try again.
    await waitFor(() => dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE job_name = 'send-mail' AND applied_at IS NULL`), (found: { n: number }[]) => found[0]!.n === 0);
    smtp.onRecipient = () => undefined;
  });
});

describe('an e-mail whose worker is killed mid-send', () => {
  let smtp: TestSmtp;
  let database: TestDatabase;
  let context: INestApplicationContext;
  const prefix = `t${Math.random().toString(36).slice(2, 10)}`;
  const workers: ChildProcess[] = [];
  const logs = mkdtempSync(join(tmpdir(), 'ct-mail-'));

  function startWorker(): ChildProcess {
    const log = openSync(join(logs, `worker-${workers.length}.log`), 'a');
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'worker.js')], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        JWT_SECRET: 'mail-process-test-secret-0123456789abcdef',
        DATABASE_URL: database.url,
        REDIS_URL: process.env.CT_TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        SMTP_URL: smtp.url,
        LOG_LEVEL: 'warn',
        OUTBOX_POLL_MS: '100',
        OUTBOX_LEASE_MS: '3000',
        JOB_LOCK_MS: '1000',
        DATA_DIR: logs,
      },
      stdio: ['ignore', log, log],
    });
    workers.push(child);
    return child;
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    database = await createTestDatabase();
    context = await startContextOn(database.url, { prefix });
  });

  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
    await context.close();
    await database.drop();
    await smtp.close();
  });

  it('sends each message exactly once after the worker restarts', async () => {
    // Every recipient is held until the first worker is gone: it dies in the middle of its SMTP dialogues.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = 0;
    smtp.onRecipient = async () => {
      holding += 1;
      await held;
      return undefined;
    };
    const dataSource = context.get(DataSource);
    const mail = context.get(MailOutbox);
    await dataSource.transaction(async (manager) => {
      for (let index = 1; index <= 6; index += 1) {
        await mail.enqueue(manager, { to: `personne${index}@clause.example.fr`, userId: null, subject: `Message ${index}`, text: `texte ${index}`, html: `<p>texte ${index}</p>` });
      }
    });
    const first = startWorker();
    await waitFor(async () => holding, (count) => count > 0, 30_000);
    first.kill('SIGKILL');
    await waitFor(async () => first.exitCode !== null || first.signalCode !== null, (gone) => gone, 5000);
    smtp.onRecipient = () => undefined;
    release();
    expect(smtp.received).toHaveLength(0);

    startWorker();
    await waitFor(() => dataSource.query(`SELECT count(*)::int AS n FROM mail_message WHERE status = 'SENT'`), (rows: { n: number }[]) => rows[0]!.n === 6, 60_000);
    // Late deliveries of the killed worker's jobs, if any, find the messages sent.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.received.map((received) => received.subject).sort()).toEqual(['Message 1', 'Message 2', 'Message 3', 'Message 4', 'Message 5', 'Message 6']);
    expect(new Set(smtp.received.map((received) => received.messageId)).size).toBe(6);
    const attempts: { attempts: number }[] = await dataSource.query('SELECT attempts FROM mail_message');
    expect(attempts.every((row) => row.attempts === 1)).toBe(true);
  }, 90_000);
});
