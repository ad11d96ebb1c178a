import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { Role } from '../../src/platform/auth/roles';
import { OutboxRelay } from '../../src/platform/outbox/outbox.relay';
import { QueueBackendKind } from '../../src/platform/queue/queue-backend';
import { JobName } from '../../src/platform/queue/queues';
import { WorkerHost } from '../../src/platform/queue/worker-host';
import { createStructure, startTestContext, TEST_PASSWORD } from '../support/app';
import { RedisServer, startRedis } from '../support/services.cjs';
import { waitFor } from '../support/wait';

interface Staffing {
  facilitator_count: number;
  staffing_computed_at: Date | null;
}

function staffing(dataSource: DataSource, structureId: string): Promise<Staffing> {
  return dataSource.query(`SELECT facilitator_count, staffing_computed_at FROM structure WHERE id = $1`, [structureId]).then((rows: Staffing[]) => rows[0]);
}

function pendingEvents(dataSource: DataSource): Promise<number> {
  return dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`).then((rows: { n: number }[]) => rows[0].n);
}

let emailCounter = 0;
function addFacilitator(context: INestApplicationContext, structureRef: string) {
  emailCounter += 1;
  return context.get(AccountsService).create({ email: `fac${emailCounter}@outbox.test`, password: TEST_PASSWORD, role: Role.Facilitator, structureRef });
}

describe('outbox to worker on Redis', () => {
  let redis: RedisServer;
  let context: INestApplicationContext;
  let close: () => Promise<void>;
  let dataSource: DataSource;

  beforeAll(async () => {
    redis = await startRedis();
    ({ context, close } = await startTestContext({ runWorkers: true, redisUrl: redis.url }));
    dataSource = context.get(DataSource);
  });
  afterAll(async () => {
    await close();
    await redis.stop();
  });

  it('delivers the event written with the change to its worker', async () => {
    const structure = await createStructure(context, 'OUTBOX-A');
    await addFacilitator(context, structure.ref);
    const result = await waitFor(() => staffing(dataSource, structure.id), (row) => row.facilitator_count === 1);
    expect(result.staffing_computed_at).not.toBeNull();
    // The relay marks the event published when its own transaction commits, which may be after the worker ran.
    expect(await waitFor(() => pendingEvents(dataSource), (pending) => pending === 0)).toBe(0);
  });

  it('keeps writes working while Redis is down, and delivers their events once it is back', async () => {
    const structure = await createStructure(context, 'OUTBOX-B');
    await redis.stop();

    await addFacilitator(context, structure.ref);
    await addFacilitator(context, structure.ref);
    const accounts: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM user_account WHERE structure_id = $1`, [structure.id]);
    expect(accounts[0].n).toBe(2);
    // The relay cannot publish: the events wait in the outbox, counted as failed attempts. Its own timer may hold them
    // at that moment (a relay skips the rows another one has locked): try until this attempt gets them.
    const relay = context.get(OutboxRelay);
    const attempt = await waitFor(() => relay.relayOnce(), (result) => result.published + result.failed > 0, 10_000);
    expect(attempt).toMatchObject({ published: 0, failed: 2 });
    expect(await pendingEvents(dataSource)).toBe(2);
    expect((await staffing(dataSource, structure.id)).facilitator_count).toBe(0);

    redis = await startRedis(redis.port);
    await waitFor(() => staffing(dataSource, structure.id), (row) => row.facilitator_count === 2, 20_000);
    await waitFor(() => pendingEvents(dataSource), (pending) => pending === 0);
  });

  it('publishes again, at its lease’s end, an event a relay claimed and died before recording its job', async () => {
    const structure = await createStructure(context, 'OUTBOX-D');
    await addFacilitator(context, structure.ref);
    await waitFor(() => staffing(dataSource, structure.id), (row) => row.facilitator_count === 1);
    await dataSource.query(`UPDATE structure SET facilitator_count = 0 WHERE id = $1`, [structure.id]);
    // What a relay killed between its claim and its record leaves: published, counted once, no job id, lease over.
    const [{ id }]: { id: string }[] = await dataSource.query(
      `INSERT INTO outbox_event (job_name, payload, published_at, publications) VALUES ($1, $2, now() - interval '2 minutes', 1) RETURNING id::text`,
      [JobName.RecomputeStructureStaffing, JSON.stringify({ structureId: structure.id })],
    );
    await waitFor(() => staffing(dataSource, structure.id), (row) => row.facilitator_count === 1, 4000);
    // The worker may apply the job before the relay, in its next statement, records the job's id.
    const event = await waitFor(
      async () =>
        ((await dataSource.query(`SELECT publications, job_id, applied_at FROM outbox_event WHERE id = $1`, [id])) as { publications: number; job_id: string | null; applied_at: Date | null }[])[0]!,
      (row) => row.job_id !== null,
      4000,
    );
    expect(event).toMatchObject({ publications: 2, job_id: `event-${id}-p2` });
    expect(event.applied_at).not.toBeNull();
  });

  it('changes nothing when a job is delivered a second time', async () => {
    const structure = await createStructure(context, 'OUTBOX-C');
    await addFacilitator(context, structure.ref);
    const first = await waitFor(() => staffing(dataSource, structure.id), (row) => row.facilitator_count === 1);
    const [event]: { id: string; job_name: string; payload: object }[] = await dataSource.query(
      `SELECT id, job_name, payload FROM outbox_event WHERE payload->>'structureId' = $1`,
      [structure.id],
    );

    // Make the recomputed figure differ from the source, so that a second application would show.
    await dataSource.query(`UPDATE structure SET facilitator_count = 99 WHERE id = $1`, [structure.id]);
    const applied = await context.get(WorkerHost).dispatch({ name: event.job_name, data: { eventIds: [event.id], payload: event.payload } });

    expect(applied).toBe(false);
    const after = await staffing(dataSource, structure.id);
    expect(after.facilitator_count).toBe(99);
    expect(after.staffing_computed_at).toEqual(first.staffing_computed_at);
    const [marker]: { applied_at: Date | null }[] = await dataSource.query(`SELECT applied_at FROM outbox_event WHERE id = $1`, [event.id]);
    expect(marker.applied_at).not.toBeNull();
  });
});

describe('outbox upkeep', () => {
  let context: INestApplicationContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ context, close } = await startTestContext({ runWorkers: false }));
  });
  afterAll(() => close());

  it('forgets, on its hourly job, the events applied more than a week ago, and only those', async () => {
    const dataSource = context.get(DataSource);
    const insert = (applied: string | null, published: string | null) =>
      dataSource.query(`INSERT INTO outbox_event (job_name, payload, published_at, applied_at) VALUES ('recompute-structure-staffing', '{}', ${published}, ${applied}) RETURNING id`).then((rows: { id: string }[]) => rows[0]!.id);
    const old = await insert(`now() - interval '8 days'`, `now() - interval '8 days'`);
    const recent = await insert(`now() - interval '6 days'`, `now() - interval '6 days'`);
    const owed = await insert('NULL', `now() - interval '9 days'`);
    const answer = await context.get(WorkerHost).dispatch({ name: JobName.PruneOutbox, data: { eventIds: [], payload: {} } });
    expect(answer).toBe('1 événement(s) appliqué(s) depuis plus de 7 jours oublié(s)');
    const left: { id: string }[] = await dataSource.query(`SELECT id FROM outbox_event WHERE id = ANY($1::bigint[]) ORDER BY id`, [[old, recent, owed]]);
    expect(left.map((row) => row.id)).toEqual([recent, owed]);
  });
});

describe.each<QueueBackendKind>(['postgres'])('outbox to worker on the %s backend', (queue) => {
  let context: INestApplicationContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ context, close } = await startTestContext({ runWorkers: true, queue }));
  });
  afterAll(() => close());

  it('delivers the event written with the change to its worker', async () => {
    const dataSource = context.get(DataSource);
    const structure = await createStructure(context, 'OUTBOX-PG');
    await addFacilitator(context, structure.ref);
    await addFacilitator(context, structure.ref);
    await waitFor(() => staffing(dataSource, structure.id), (row) => row.facilitator_count === 2, 20_000);
    expect(await waitFor(() => pendingEvents(dataSource), (pending) => pending === 0)).toBe(0);
  });
});

describe.each<QueueBackendKind>(['redis', 'postgres'])('a committed event wakes the relay (%s backend), the poll only a safety net', (queue) => {
  let context: INestApplicationContext;
  let close: () => Promise<void>;
  let dataSource: DataSource;

  beforeAll(async () => {
    // A poll of a minute: only the notification can bring the events to the worker within the test.
    ({ context, close } = await startTestContext({ runWorkers: true, queue, env: { OUTBOX_POLL_MS: '60000' } }));
    dataSource = context.get(DataSource);
    await waitFor(() => dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE '%/relay' AND query LIKE 'LISTEN%'`), (rows: { n: number }[]) => rows[0]!.n > 0);
  });
  afterAll(() => close());

  it('applies an event within a second of its commit, and again after its listening connection was cut', async () => {
    const structure = await createStructure(context, `NOTIFY-${queue}`);
    const started = Date.now();
    await addFacilitator(context, structure.ref);
    await waitFor(() => staffing(dataSource, structure.id), (row) => row.facilitator_count === 1, 5000);
    expect(Date.now() - started).toBeLessThan(1000);

    await dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE '%/relay'`);
    await waitFor(() => dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE '%/relay' AND query LIKE 'LISTEN%'`), (rows: { n: number }[]) => rows[0]!.n > 0, 5000);
    await addFacilitator(context, structure.ref);
    await waitFor(() => staffing(dataSource, structure.id), (row) => row.facilitator_count === 2, 5000);
  });

  it('stays silent for a write that adds no event', async () => {
    const notified: string[] = [];
    const listener = new Client({ connectionString: (dataSource.options as { url: string }).url });
    await listener.connect();
    listener.on('notification', (message) => notified.push(message.channel));
    await listener.query('LISTEN outbox_event');
    await dataSource.query(`INSERT INTO outbox_event (job_name, payload) SELECT 'recompute-structure-staffing', '{}' WHERE false`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(notified).toEqual([]);
    await dataSource.query(`INSERT INTO outbox_event (job_name, payload, applied_at) VALUES ('recompute-structure-staffing', '{}', now())`);
    await waitFor(async () => notified.length, (count) => count === 1, 2000);
    await listener.end();
    expect(notified).toEqual(['outbox_event']);
  });
});
