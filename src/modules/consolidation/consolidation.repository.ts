import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { Consolidation } from './consolidation.entity';
import { BreakdownName } from './consolidation.labels';
import * as queries from './consolidation.queries';
import { ConsolidationReport, ScopeKind, Table1Counts } from './consolidation.rules';

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
  plie: {
    table1: (Table1Counts & { group: string; category: string })[];
    table2: { stepKind: string; total: number; men: number; women: number; participants: number }[];
    table3: { exitKind: string; category: string; pathways: number; meanMonths: string }[];
  } | null;
}

/** One step of the computation, announced before it runs: its French name and its share of the work done. */
export type ProgressReporter = (stage: string, progress: number) => Promise<void>;

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

  /** Claims a consolidation for a run; null when it is already finished (a redelivered job has nothing to do). */
  async start(id: string, now: Date): Promise<Consolidation | null> {
    const rows: Consolidation[] = await this.dataSource.query(
      `UPDATE consolidation SET status = 'RUNNING', progress = 0, stage = NULL, error = NULL, attempts = attempts + 1, started_at = $2
       WHERE id = $1 AND status NOT IN ('DONE', 'FAILED') RETURNING id`,
      [id, now],
    );
    return rows.length > 0 ? this.find(id) : null;
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
      `UPDATE consolidation SET status = 'DONE', progress = 100, stage = 'Terminé', error = NULL, report = $2::json, data_fingerprint = $3,
         figures_fingerprint = $4, previous_snapshot_id = $5, finished_at = $6
       WHERE id = $1 AND status = 'RUNNING' RETURNING id`,
      [id, JSON.stringify(values.report), values.dataFingerprint, values.figuresFingerprint, values.previousSnapshotId, values.finishedAt],
    );
    return rows.length > 0;
  }

  /** The latest finished snapshot of the same year and scope, other than this one. */
  previousSnapshot(of: Consolidation): Promise<Consolidation | null> {
    return this.consolidations
      .createQueryBuilder('c')
      .where(`c.status = 'DONE' AND c.year = :year AND c.scope_kind = :kind AND c.scope_ref IS NOT DISTINCT FROM :ref AND c.id <> :id`, {
        year: of.year,
        kind: of.scopeKind,
        ref: of.scopeRef,
        id: of.id,
      })
      .orderBy('c.finished_at', 'DESC')
      .getOne();
  }

  /**
   * Every figure of a year, read in one REPEATABLE READ transaction: all statements see the same data, even while
   * facilitators keep recording hours, so the fingerprint describes exactly what was counted.
   */
  async compute(year: number, scope: ScopeFilter, report: ProgressReporter): Promise<ConsolidationFigures> {
    const yearParams = (y: number) => (scope.kind === 'national' ? [`${y}-01-01`, `${y}-12-31`] : [`${y}-01-01`, `${y}-12-31`, scope.value]);
    const fingerprintParams = scope.kind === 'national' ? [`${year - 1}-01-01`, `${year}-12-31`] : [`${year - 1}-01-01`, `${year}-12-31`, scope.value];
    const plie = scope.kind !== 'buyer';
    const steps = plie ? 9 : 6;
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      let done = 0;
      const step = async <T>(stage: string, work: () => Promise<T>): Promise<T> => {
        await report(stage, Math.floor((done * 100) / steps));
        const result = await work();
        done += 1;
        return result;
      };
      const headline = await step(`Chiffres clés ${year}`, async () => (await manager.query(queries.headlineSql(scope.kind), yearParams(year)))[0] as HeadlineRow);
      const previousHeadline = await step(`Chiffres clés ${year - 1}`, async () => (await manager.query(queries.headlineSql(scope.kind), yearParams(year - 1)))[0] as HeadlineRow);
      const breakdowns = await step('Répartitions', () => manager.query(queries.breakdownsSql(scope.kind), yearParams(year)));
      const months = await step('Répartition mensuelle', () => manager.query(queries.monthsSql(scope.kind), yearParams(year)));
      const reportingStructures = await step('Structures ayant transmis des données', () => manager.query(queries.reportingStructuresSql(scope.kind), yearParams(year)));
      const tables = plie
        ? {
            table1: await step('PLIE : tableau 1 (flux)', () => manager.query(queries.table1Sql(scope.kind), yearParams(year))),
            table2: await step('PLIE : tableau 2 (étapes)', () => manager.query(queries.table2Sql(scope.kind), yearParams(year))),
            table3: await step('PLIE : tableau 3 (durée des parcours)', () => manager.query(queries.table3Sql(scope.kind), yearParams(year))),
          }
        : null;
      // Last, in the same snapshot of the data: the digest describes exactly what the figures above were read from.
      const dataFingerprint = await step('Empreinte des données lues', async () => (await manager.query(queries.fingerprintSql(scope.kind), fingerprintParams))[0].fingerprint as string);
      return { dataFingerprint, headline, previousHeadline, breakdowns, months, reportingStructures, plie: tables };
    });
  }
}
