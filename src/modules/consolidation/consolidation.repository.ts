import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryRunner, Repository } from 'typeorm';
import { Consolidation } from './consolidation.entity';
import { BreakdownName } from './consolidation.labels';
import * as queries from './consolidation.queries';
import { ConsolidationReport, ScopeKind, Table1Counts } from './consolidation.rules';
import { QUESTIONNAIRE_PARENT_SQL } from './consolidation.plie-labels';

export interface ScopeFilter {
  kind: ScopeKind;
  /** Structure id or buyer SIRET; absent nationally. */
  value?: string;
}

export interface HeadlineRow {
  insertionHours: string;
  workContracts: number;
  participants: number;
  buyers: number;
  operations: number;
  markets: number;
  companies: number;
}

export interface CountsRow {
  key: string;
  participants: number;
  workContracts: number;
  insertionHours: string;
}

export interface ConsolidationFigures {
  dataFingerprint: string;
  headline: HeadlineRow;
  previousHeadline: HeadlineRow;
  breakdowns: (CountsRow & { breakdown: Exclude<BreakdownName, 'month'> })[];
  months: CountsRow[];
  reportingStructures: { ref: string; name: string }[];
  plie: PlieFigures | null;
}

export interface PlieFigures {
  /** Table 1's counts for each year from Y−3 to Y. */
  flows: FlowCounts[];
  table2: Table2Counts[];
  table3: { exitKind: string; category: string; pathways: number; meanMonths: string }[];
  insertionStructures: InsertionStructureCounts[];
  exitDetails: ExitDetailCounts[];
  questionnaire: QuestionnaireSums[];
  /** The structures with a pathway open during Y. */
  structures: number;
}

export type FlowCounts = Table1Counts & { year: number; group: string; category: string };

/** By kind of insertion structure (`ALL`: the people and structures with any). */
export interface InsertionStructureCounts {
  structureKind: string;
  men: number;
  women: number;
  fundedMen: number;
  fundedWomen: number;
  structures: number;
  fundedStructures: number;
}

/** The exits of a kind by a detail's stored value (null: unknown); `dimension` null: the structures with such exits. */
export interface ExitDetailCounts {
  exitKind: 'EMPLOYMENT' | 'TRAINING';
  dimension: string | null;
  value: string | null;
  men: number;
  women: number;
  structures: number;
}

/** The questionnaire's figures summed over the scope's PLIE, at a level of detail, with how many PLIE declared them. */
export interface QuestionnaireSums {
  year: number;
  table: string;
  item: string | null;
  measure: string | null;
  parent: string | null;
  level: 'measure' | 'item' | 'parent' | 'table';
  value: string;
  respondents: number;
}

type Table2Counts = { stepKind: string; total: number; men: number; women: number; participants: number };

/** A part of the data fingerprint: what was read, and the digest of its rows. */
interface Digest {
  name: string;
  digest: string;
}

/** The data fingerprint: the parts' digests in a fixed order, hashed. */
function fingerprintOf(digests: Digest[]): string {
  const parts = [...digests].sort((a, b) => a.name.localeCompare(b.name)).map((part) => `${part.name}=${part.digest}`);
  return createHash('md5').update(parts.join(';')).digest('hex');
}

/** What a lane of a run uses: its progress steps, the staging of a year's rows, a statement's parameters. */
interface LaneTools {
  step<T>(stage: string, work: () => Promise<T>): Promise<T>;
  stage(runner: QueryRunner, statements: string[], y: number): Promise<void>;
  scopeParams(statement: string, y: number): unknown[];
}

/** Memory for the sorts and hashes of one run's statements (PostgreSQL's default is 4 MB). */
const WORK_MEM = '128MB';

/** One step of the computation, announced before it runs: its French name and its share of the work done. */
export type ProgressReporter = (stage: string, progress: number) => Promise<void>;

export interface Fingerprints {
  dataFingerprint: string | null;
  figuresFingerprint: string | null;
}

export interface VisibleTo {
  /** null: every consolidation; otherwise those of this structure or of this buyer. */
  structureId?: string;
  buyerSiret?: string;
}

@Injectable()
export class ConsolidationRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Consolidation) private readonly consolidations: Repository<Consolidation>,
  ) {}

  insert(manager: EntityManager, values: Partial<Consolidation>): Promise<Consolidation> {
    return manager.getRepository(Consolidation).save(manager.getRepository(Consolidation).create(values));
  }

  find(id: string): Promise<Consolidation | null> {
    return this.consolidations.findOne({ where: { id } });
  }

  /** The consolidations a caller may read, newest first, without their reports. */
  async list(visible: VisibleTo, filter: { year?: number; scopeKind?: string }, skip: number, take: number): Promise<[Consolidation[], number]> {
    const query = this.consolidations.createQueryBuilder('c').select().orderBy('c.requested_at', 'DESC').addOrderBy('c.id').skip(skip).take(take);
    query.select(Object.keys(this.consolidations.metadata.propertiesMap).filter((name) => name !== 'report').map((name) => `c.${name}`));
    if (visible.structureId) query.andWhere(`c.scope_kind = 'structure' AND c.scope_structure_id = :structureId`, { structureId: visible.structureId });
    if (visible.buyerSiret) query.andWhere(`c.scope_kind = 'buyer' AND c.scope_ref = :siret`, { siret: visible.buyerSiret });
    if (filter.year !== undefined) query.andWhere('c.year = :year', { year: filter.year });
    if (filter.scopeKind) query.andWhere('c.scope_kind = :scopeKind', { scopeKind: filter.scopeKind });
    return query.getManyAndCount();
  }

  /** The fingerprints of these snapshots, by id (what a comparison needs, without loading their reports). */
  async fingerprints(ids: string[]): Promise<Map<string, Fingerprints>> {
    if (ids.length === 0) return new Map();
    const rows: (Fingerprints & { id: string })[] = await this.dataSource.query(
      `SELECT id, data_fingerprint AS "dataFingerprint", figures_fingerprint AS "figuresFingerprint" FROM consolidation WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map(({ id, ...fingerprints }) => [id, fingerprints]));
  }

  /**
   * Claims a consolidation for a run; null when there is nothing to run (already finished or failed: a redelivered
   * job). A consolidation found RUNNING was left by a worker that died mid-run: after `maxInterruptions` of those it
   * fails for good instead of being started again.
   */
  async start(id: string, now: Date, maxInterruptions: number): Promise<Consolidation | null> {
    const rows: { status: string }[] = await this.dataSource.query(
      `WITH claimed AS (UPDATE consolidation
          SET interruptions = interruptions + (status = 'RUNNING')::int,
              status = CASE WHEN status = 'RUNNING' AND interruptions + 1 >= $3 THEN 'FAILED' ELSE 'RUNNING' END,
              error = CASE WHEN status = 'RUNNING' AND interruptions + 1 >= $3
                           THEN 'Calcul interrompu ' || (interruptions + 1) || ' fois sans se terminer (worker arrêté ou mémoire épuisée) : relancez-le'
                      END,
              stage = CASE WHEN status = 'RUNNING' AND interruptions + 1 >= $3 THEN 'Échec' END,
              progress = 0, attempts = attempts + 1, started_at = $2
        WHERE id = $1 AND status NOT IN ('DONE', 'FAILED') RETURNING status)
       SELECT status FROM claimed`,
      [id, now, maxInterruptions],
    );
    return rows[0]?.status === 'RUNNING' ? this.find(id) : null;
  }

  /** Puts a failed consolidation back in the queue, as new; false when it is not failed. */
  async requeue(manager: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH requeued AS (UPDATE consolidation SET status = 'QUEUED', progress = 0, stage = NULL, error = NULL, attempts = 0, interruptions = 0, started_at = NULL
        WHERE id = $1 AND status = 'FAILED' RETURNING id)
       SELECT id FROM requeued`,
      [id],
    );
    return rows.length > 0;
  }

  async progress(id: string, stage: string, progress: number): Promise<void> {
    await this.dataSource.query(`UPDATE consolidation SET stage = $2, progress = $3 WHERE id = $1 AND status = 'RUNNING'`, [id, stage, progress]);
  }

  /** After an error: FAILED for good on the last attempt, otherwise back in the queue for the next one. */
  async interrupted(id: string, error: string, final: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE consolidation SET status = $2, error = $3, stage = CASE WHEN $2 = 'FAILED' THEN 'Échec' ELSE 'Nouvel essai après une erreur' END
       WHERE id = $1 AND status = 'RUNNING'`,
      [id, final ? 'FAILED' : 'QUEUED', error],
    );
  }

  /** Stores the snapshot once: a second run of the same consolidation (a retried job) cannot replace it. */
  async finish(id: string, values: { report: ConsolidationReport; dataFingerprint: string; figuresFingerprint: string; previousSnapshotId: string | null; finishedAt: Date }): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH finished AS (UPDATE consolidation SET status = 'DONE', progress = 100, stage = 'Terminé', error = NULL, report = $2::json, data_fingerprint = $3,
         figures_fingerprint = $4, previous_snapshot_id = $5, finished_at = $6
       WHERE id = $1 AND status = 'RUNNING' RETURNING id)
       SELECT id FROM finished`,
      [id, JSON.stringify(values.report), values.dataFingerprint, values.figuresFingerprint, values.previousSnapshotId, values.finishedAt],
    );
    return rows.length > 0;
  }

  /** The id of the latest finished snapshot of the same year and scope, other than this one (its report is not read). */
  async previousSnapshotId(of: Consolidation): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM consolidation WHERE status = 'DONE' AND year = $1 AND scope_kind = $2 AND scope_ref IS NOT DISTINCT FROM $3 AND id <> $4
       ORDER BY finished_at DESC LIMIT 1`,
      [of.year, of.scopeKind, of.scopeRef, of.id],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Every figure of a year, read from one snapshot of the data by connections working in parallel: the clause figures
   * of the year in the transaction that exports the snapshot; the previous year's headline in a second one, and the
   * PLIE tables (structure and national scopes) in a third, both importing it. Each lane stages the rows it reads and
   * digests them. All see exactly the same rows, even while facilitators keep recording hours, so the fingerprint
   * describes what the figures were read from.
   */
  async compute(year: number, scope: ScopeFilter, report: ProgressReporter): Promise<ConsolidationFigures> {
    const yearParams = (y: number) => [`${y}-01-01`, `${y}-12-31`];
    const plie = scope.kind !== 'buyer';
    const total = plie ? 14 : 8;
    let done = 0;
    // Progress is written in the order announced, without holding up the lanes (a lane does not wait for the row); a
    // failed write fails the run once the lanes are done, as it did when the lanes waited for it.
    let reported = Promise.resolve();
    let progressFailure: unknown;
    const step = async <T>(stage: string, work: () => Promise<T>): Promise<T> => {
      const progress = Math.floor((done * 100) / total);
      reported = reported.then(() => report(stage, progress)).catch((error: unknown) => {
        progressFailure ??= error;
      });
      const result = await work();
      done += 1;
      return result;
    };
    // Each statement gets the parameters it names: $1 and $2 (the year's first and last days), and $3 (the scope's
    // structure id or buyer SIRET) only where it filters on the scope.
    const scopeParams = (statement: string, y: number) => {
      const count = Math.max(0, ...[...statement.matchAll(/\$(\d)/g)].map((match) => Number(match[1])));
      return [...yearParams(y), scope.value].slice(0, count);
    };
    // The scope's rows of year `y` in the lane's temporary tables.
    const stage = async (runner: QueryRunner, statements: string[], y: number) => {
      for (const statement of statements) await runner.query(statement, scopeParams(statement, y));
    };
    const clauseDigests = async (runner: QueryRunner, y: number): Promise<Digest[]> =>
      ((await runner.query(queries.clauseDigestSql())) as Digest[]).map((part) => ({ name: `${y} ${part.name}`, digest: part.digest }));
    const clauseLane = this.dataSource.createQueryRunner();
    const previousLane = this.dataSource.createQueryRunner();
    const plieLane = plie ? this.dataSource.createQueryRunner() : null;
    const lanes = [clauseLane, previousLane, ...(plieLane ? [plieLane] : [])];
    try {
      await Promise.all(lanes.map((lane) => lane.connect()));
      await clauseLane.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      const [{ snapshot }] = (await clauseLane.query('SELECT pg_export_snapshot() AS snapshot')) as { snapshot: string }[];
      // A batch job on a few hundred thousand rows: enough memory for hashed aggregates instead of sorts on disk. The
      // staged rows have no statistics: the planner would merge-join them after sorting both sides (the steps with the
      // people in pathway, the awards with the markets), where hashing costs a third less.
      const settings = `SET LOCAL work_mem = '${WORK_MEM}'; SET LOCAL enable_mergejoin = off`;
      await Promise.all(
        lanes.map((lane) =>
          lane.query(lane === clauseLane ? settings : `BEGIN ISOLATION LEVEL REPEATABLE READ; SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, '')}'; ${settings}`),
        ),
      );

      const clause = (async () => {
        const q = (sql: string) => clauseLane.query(sql, yearParams(year));
        await step(`Sélection des données ${year}`, () => stage(clauseLane, queries.clauseStagingSql(scope.kind), year));
        const headline = await step(`Chiffres clés ${year}`, async () => (await q(queries.headlineSql()))[0] as HeadlineRow);
        const breakdowns = await step('Répartitions', () => q(queries.breakdownsSql()));
        const months = await step('Répartition mensuelle', () => q(queries.monthsSql()));
        const structures = await step('Structures ayant transmis des données', () => q(queries.clauseStructuresSql()));
        return { headline, breakdowns, months, structures, digests: await clauseDigests(clauseLane, year) };
      })();
      const previous = (async () => {
        const digests = (await step('Empreinte des données lues', () => previousLane.query(queries.structuresDigestSql()))) as Digest[];
        await step(`Sélection des données ${year - 1}`, () => stage(previousLane, queries.clauseStagingSql(scope.kind, 'headline'), year - 1));
        const headline = await step(`Chiffres clés ${year - 1}`, async () => (await previousLane.query(queries.headlineSql(), yearParams(year - 1)))[0] as HeadlineRow);
        return { headline, digests: [...digests, ...(await clauseDigests(previousLane, year - 1))] };
      })();
      const plieTables = plieLane ? this.plieTables(plieLane, year, scope, { step, stage, scopeParams }) : Promise.resolve({ tables: null, structures: [], digests: [] });
      // Every lane ends before the transactions do, even when one fails.
      const results = await Promise.allSettled([clause, previous, plieTables]);
      for (const result of results) if (result.status === 'rejected') throw result.reason;
      const [clauseFigures, previousFigures, plieFigures] = results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as [
        Awaited<typeof clause>,
        Awaited<typeof previous>,
        Awaited<typeof plieTables>,
      ];
      await Promise.all(lanes.map((lane) => lane.query('COMMIT')));
      await reported;
      if (progressFailure) throw progressFailure;
      const byRef = new Map([...clauseFigures.structures, ...plieFigures.structures].map((structure) => [structure.ref, structure]));
      return {
        dataFingerprint: fingerprintOf([...clauseFigures.digests, ...previousFigures.digests, ...plieFigures.digests]),
        headline: clauseFigures.headline,
        previousHeadline: previousFigures.headline,
        breakdowns: clauseFigures.breakdowns,
        months: clauseFigures.months,
        reportingStructures: [...byRef.values()].sort((a, b) => a.ref.localeCompare(b.ref)),
        plie: plieFigures.tables,
      };
    } catch (error) {
      for (const lane of lanes) await lane.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await reported;
      await Promise.all(lanes.map((lane) => lane.release()));
    }
  }

  /** The PLIE tables of a year, in their own lane: the year's pathways and questionnaire staged, then each table. */
  private async plieTables(lane: QueryRunner, year: number, scope: ScopeFilter, run: LaneTools): Promise<{ tables: PlieFigures; structures: { ref: string; name: string }[]; digests: Digest[] }> {
    const { step, stage, scopeParams } = run;
    const q = (sql: string) => lane.query(sql, scopeParams(sql, year));
    await step(`PLIE : sélection des parcours ${year}`, async () => {
      await stage(lane, queries.pathwayStagingSql(scope.kind), year);
      await stage(lane, queries.questionnaireStagingSql(scope.kind), year);
    });
    const flows = (await step(`PLIE : tableaux 1 et 1 bis (flux ${year - queries.EARLIER_YEARS}-${year})`, () => q(queries.flowsSql()))) as (FlowCounts & { pathwaysDigest: string })[];
    const [{ steps, insertionStructures, structures }] = (await step('PLIE : tableaux 2, 4 et 5 (étapes, structures d’insertion)', () => q(queries.stepsSql()))) as [
      { steps: (Table2Counts & { stepsDigest: string })[]; insertionStructures: InsertionStructureCounts[]; structures: { ref: string; name: string }[] },
    ];
    const table3 = await step('PLIE : tableau 3 (durée des parcours)', () => q(queries.table3Sql()));
    const exitDetails = await step('PLIE : tableaux 8 et 9 (sorties en emploi et en formation)', () => q(queries.exitDetailsSql()));
    const questionnaire = await step('PLIE : tableaux 6, 7 et 10 (questionnaire annuel)', () => lane.query(queries.questionnaireSql(QUESTIONNAIRE_PARENT_SQL)));
    const digests: Digest[] = [
      { name: 'step', digest: steps.find((row) => row.stepKind === 'ALL')!.stepsDigest },
      // Every flows row carries the pathways' digest (none: no pathway, no row).
      { name: 'pathway', digest: flows[0]?.pathwaysDigest ?? '0:0' },
      ...((await lane.query(queries.questionnaireDigestSql())) as Digest[]),
    ];
    return {
      tables: {
        flows: flows.map(({ pathwaysDigest, ...counts }) => counts),
        table2: steps.map(({ stepsDigest, ...counts }) => counts),
        table3,
        insertionStructures,
        exitDetails,
        questionnaire,
        structures: structures.length,
      },
      structures,
      digests,
    };
  }
}
