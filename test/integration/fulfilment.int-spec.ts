import { INestApplicationContext } from '@nestjs/common';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { AwardsService } from '../../src/modules/awards/awards.service';
import { FulfilmentRepository } from '../../src/modules/fulfilment/fulfilment.repository';
import { FulfilmentService } from '../../src/modules/fulfilment/fulfilment.service';
import { HoursService } from '../../src/modules/hours/hours.service';
import { ImportsService } from '../../src/modules/imports/imports.service';
import { MarketsService } from '../../src/modules/markets/markets.service';
import { WorkContractsService } from '../../src/modules/work-contracts/work-contracts.service';
import type { AccessScope, Principal } from '../../src/platform/auth/principal';
import { Role } from '../../src/platform/auth/roles';
import { ConflictError, DomainError } from '../../src/platform/http/domain-errors';
import { JobName } from '../../src/platform/queue/queues';
import { WorkerHost } from '../../src/platform/queue/worker-host';
import { createStructure, startTestContext, TEST_PASSWORD } from '../support/app';
import { FIXTURE_DIR, FIXTURE_KINDS } from '../support/fixtures';
import { fulfilmentFromHours, monthsFromHours } from '../support/fulfilment';
import { waitFor } from '../support/wait';

/** A small deterministic generator (mulberry32): the same "random" sequence on every run. */
function seeded(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: T[]): T => items[Math.floor(next() * items.length)]! };
}

const ETTI = '82345678000811';

describe('market fulfilment maintained by the workers', () => {
  let context: INestApplicationContext;
  let close: () => Promise<void>;
  let dataSource: DataSource;
  let scope: AccessScope;
  let principal: Principal;

  /** Every outbox event published and applied by its consumer. */
  const settled = () =>
    waitFor(
      () =>
        dataSource
          .query(`SELECT count(*)::int AS n FROM outbox_event WHERE applied_at IS NULL`)
          .then((rows: { n: number }[]) => rows[0]!.n),
      (pending) => pending === 0,
      30_000,
    );

  const figures = () =>
    Promise.all([
      dataSource.query(`SELECT market_id, objective::text, validated_hours::text, declared_hours::text FROM market_fulfilment ORDER BY market_id`),
      dataSource.query(`SELECT market_id, to_char(month, 'YYYY-MM') AS month, hours::text FROM market_fulfilment_month ORDER BY market_id, month`),
      dataSource.query(`SELECT award_id, market_id, validated_hours::text FROM award_fulfilment ORDER BY award_id`),
    ]);

  /** What the figures must be, computed here from the hours by an independent query. */
  const truth = () => fulfilmentFromHours(dataSource);

  beforeAll(async () => {
    ({ context, close } = await startTestContext({ runWorkers: true }));
    dataSource = context.get(DataSource);
    const structure = await createStructure(context, 'PLIE-FULFIL');
    const account = await context.get(AccountsService).create({ email: 'fac@fulfilment.test', password: TEST_PASSWORD, role: Role.Facilitator, structureRef: structure.ref });
    principal = { userId: account.id, email: 'fac@fulfilment.test', role: Role.Facilitator, structureId: structure.id, siret: null };
    scope = { kind: 'structure', structureId: structure.id };
    for (const kind of FIXTURE_KINDS) {
      const answer = await context.get(ImportsService).run(kind, join(FIXTURE_DIR, `${kind}.csv`), { scope, actor: { id: account.id, label: principal.email } });
      expect(answer).toMatchObject({ kind, updated: 0 });
    }
  });
  afterAll(() => close());

  it('computes every market’s figures after an import, equal to the hours themselves', async () => {
    await settled();
    const [markets, months] = await figures();
    expect(markets).toHaveLength(12);
    const expected = await truth();
    expect(markets.map((row: { market_id: string; validated_hours: string }) => ({ market_id: row.market_id, validated: row.validated_hours }))).toEqual(expected);
    expect(months.length).toBeGreaterThan(12);
  });

  it('ends, after a random sequence of changes, where a full recompute ends', async () => {
    const random = seeded(42);
    const hours = context.get(HoursService);
    const contracts = context.get(WorkContractsService);
    const markets = context.get(MarketsService);
    const awards = context.get(AwardsService);
    const ids = async (sql: string) => ((await dataSource.query(sql)) as { id: string }[]).map((row) => row.id);
    const contractRows: { id: string; ref: string; start: string; end: string }[] = await dataSource.query(
      `SELECT wc.id, wc.ref, to_char(wc.start_date, 'YYYY-MM') AS start, to_char(coalesce(wc.end_date, m.end_date), 'YYYY-MM') AS end
         FROM work_contract wc JOIN market m ON m.id = wc.market_id`,
    );
    const providedContracts = await ids(`SELECT id FROM work_contract WHERE mode = 'MADE_AVAILABLE'`);
    const marketRefs: string[] = (await dataSource.query(`SELECT ref FROM market ORDER BY ref`)).map((row: { ref: string }) => row.ref);
    const monthBetween = (start: string, end: string) => {
      const [sy, sm] = start.split('-').map(Number) as [number, number];
      const [ey, em] = end.split('-').map(Number) as [number, number];
      const span = (ey - sy) * 12 + (em - sm);
      const offset = Math.floor(random.next() * (span + 1));
      const month = sm - 1 + offset;
      return `${sy + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    };

    const changes: Record<string, () => Promise<unknown>> = {
      record: async () => {
        const contract = random.pick(contractRows);
        return hours.record(scope, principal, { workContractRef: contract.ref, month: monthBetween(contract.start, contract.end), hoursWorked: String(Math.floor(random.next() * 150)), trainingHours: random.pick(['0', '7', '3.5']) } as never);
      },
      remove: async () => hours.remove(scope, principal, random.pick(await ids(`SELECT id FROM hours_entry`))),
      correct: async () => hours.correct(scope, principal, random.pick(await ids(`SELECT id FROM hours_entry`)), { hoursWorked: String(Math.floor(random.next() * 150)) } as never),
      declareThenDecide: async () => {
        // A company declares on a month of one of its contracts that has no entry yet.
        const free: { id: string; month: string; siret: string }[] = await dataSource.query(
          `SELECT wc.id, to_char(g, 'YYYY-MM') AS month, c.siret
             FROM work_contract wc JOIN market m ON m.id = wc.market_id JOIN company c ON c.id = wc.employer_id,
                  generate_series(date_trunc('month', wc.start_date), coalesce(wc.end_date, m.end_date), interval '1 month') AS g
            WHERE NOT EXISTS (SELECT 1 FROM hours_entry h WHERE h.work_contract_id = wc.id AND h.month = g::date)
            ORDER BY 1, 2`,
        );
        if (free.length === 0) throw new ConflictError('no free month yet');
        const target = random.pick(free);
        const declared = await hours.recordForContract({ kind: 'company', siret: target.siret }, { ...principal, role: Role.Company }, target.id, { month: target.month, hoursWorked: '42' } as never);
        if (random.next() < 0.5) await hours.decide(scope, principal, declared.entry.id, 'VALIDATED');
        else if (random.next() < 0.5) await hours.decide(scope, principal, declared.entry.id, 'REJECTED', 'Motif de test');
      },
      // Workers made available by an ETTI or a GEIQ may move to any market whose period holds their contract.
      moveContract: async () => {
        const contractId = random.pick(providedContracts);
        const targets: { ref: string }[] = await dataSource.query(
          `SELECT m.ref FROM market m, work_contract wc WHERE wc.id = $1 AND m.id <> wc.market_id AND m.start_date <= wc.start_date AND coalesce(wc.end_date, wc.start_date) <= m.end_date ORDER BY m.ref`,
          [contractId],
        );
        return contracts.update(scope, principal, contractId, { marketRef: random.pick(targets).ref } as never);
      },
      changeMarket: async () => markets.update(scope, principal, random.pick(await ids(`SELECT id FROM market`)), random.next() < 0.5 ? { trainingCounts: random.next() < 0.5 } : ({ hoursObjective: String(100 + Math.floor(random.next() * 5000)) } as never)),
      awardProvider: async () => awards.create(scope, principal, { marketRef: random.pick(marketRefs), companySiret: ETTI, role: 'SUBCONTRACTOR' } as never),
      removeAward: async () => awards.remove(scope, principal, random.pick(await ids(`SELECT id FROM award WHERE role <> 'HOLDER'`))),
    };
    const names = Object.keys(changes);
    const applied: Record<string, number> = {};
    for (let step = 0; step < 120; step += 1) {
      const name = random.pick(names);
      try {
        await changes[name]!();
        applied[name] = (applied[name] ?? 0) + 1;
      } catch (error) {
        // Changes the rules refuse (a move to a market the employer holds no award on…) are part of the sequence.
        if (!(error instanceof DomainError)) throw error;
      }
    }
    // Every kind of change happened several times.
    for (const name of names) expect(applied[name] ?? 0).toBeGreaterThanOrEqual(3);

    await settled();
    const incremental = await figures();
    expect(incremental[0].map((row: { market_id: string; validated_hours: string }) => ({ market_id: row.market_id, validated: row.validated_hours }))).toEqual(await truth());
    // Months whose hours were removed are gone, and each award has one row, on its current market.
    expect(incremental[1]).toEqual(await monthsFromHours(dataSource));
    const awardRows: { award_id: string; market_id: string }[] = await dataSource.query(`SELECT id AS award_id, market_id FROM award ORDER BY id`);
    expect(incremental[2].map((row: { award_id: string; market_id: string }) => ({ award_id: row.award_id, market_id: row.market_id }))).toEqual(awardRows);

    await context.get(FulfilmentService).requestFullRecompute();
    await settled();
    expect(await figures()).toEqual(incremental);
  });

  it('lets records referring to a market be written while its figures are recomputed', async () => {
    const [market] = await dataSource.query(`SELECT id FROM market ORDER BY id LIMIT 1`);
    const recompute = dataSource.createQueryRunner();
    const writer = dataSource.createQueryRunner();
    try {
      await recompute.startTransaction();
      await context.get(FulfilmentRepository).recompute(recompute.manager, { marketIds: [market.id] });
      // What inserting an award, a contract or hours on that market takes (its foreign-key check), while the
      // recompute has not committed: it must not wait.
      await writer.startTransaction();
      await writer.query(`SET LOCAL lock_timeout = '1s'`);
      await expect(writer.query(`SELECT id FROM market WHERE id = $1 FOR KEY SHARE`, [market.id])).resolves.toHaveLength(1);
    } finally {
      for (const runner of [writer, recompute]) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    }
  });

  it('changes nothing when a job is delivered a second time', async () => {
    const [event] = await dataSource.query(`SELECT id::text, payload FROM outbox_event WHERE job_name = $1 ORDER BY id DESC LIMIT 1`, [JobName.RecomputeFulfilment]);
    const before = await figures();
    const again = await context.get(WorkerHost).dispatch({ name: JobName.RecomputeFulfilment, data: { eventIds: [event.id], payload: event.payload } });
    expect(again).toBe(false);
    expect(await figures()).toEqual(before);
  });
});
