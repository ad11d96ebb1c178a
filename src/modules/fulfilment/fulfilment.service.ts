import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AccessScope } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock';
import { NotFoundError } from '../../platform/http/domain-errors';
import { OutboxService } from '../../platform/outbox/outbox.service';
import { JobName, JobPayloads } from '../../platform/queue/queues';
import { StructuresService } from '../structures/structures.service';
import { BuyerOverviewDto, BuyerOverviewQuery, MarketFiguresDto, MarketFulfilmentDto, ParticipantCountsDto } from './dto/fulfilment.dto';
import { CountRow, FulfilmentRepository, MarketFiguresRow } from './fulfilment.repository';
import { FulfilmentStatus, fulfilmentFigures } from './fulfilment.rules';
import { cellsToMask, isSmallCount } from '../../platform/privacy/small-counts';

/**
 * The recompute event of a write statement, as SQL giving (job_name, payload): `markets` selects the written rows'
 * (structure_id, market_id).
 */
export function recomputeEventsSql(markets: string): string {
  return `SELECT '${JobName.RecomputeFulfilment}', jsonb_build_object('structureId', structure_id, 'marketIds', jsonb_agg(DISTINCT market_id))
          FROM (${markets}) AS written GROUP BY structure_id`;
}

@Injectable()
export class FulfilmentService {
  private readonly logger = new Logger('Fulfilment');

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: FulfilmentRepository,
    private readonly outbox: OutboxService,
    private readonly structures: StructuresService,
    private readonly clock: Clock,
  ) {}

  /**
   * The full recompute: one job per structure (or for the one named) that recomputes every market from the hours.
   * Its result must equal what the incremental events maintained.
   */
  async requestFullRecompute(structureRef?: string): Promise<{ structures: number }> {
    const idsByRef = await this.structures.idsByRef();
    const ids = structureRef === undefined ? [...idsByRef.values()] : [idsByRef.get(structureRef.toUpperCase())];
    if (ids[0] === undefined) throw new NotFoundError(`Structure « ${structureRef} »`);
    await this.dataSource.transaction(async (manager) => {
      for (const id of ids) await this.requestRecompute(manager, id!, null);
    });
    return { structures: ids.length };
  }

  /**
   * Asks, in the caller's transaction, for the figures of these markets to be recomputed by the workers; `null`
   * asks for every market of the structure (after an import).
   */
  async requestRecompute(manager: EntityManager, structureId: string, marketIds: (string | null | undefined)[] | null): Promise<void> {
    const ids = marketIds === null ? null : [...new Set(marketIds.filter((id): id is string => !!id))];
    if (ids?.length === 0) return;
    await this.outbox.add(manager, JobName.RecomputeFulfilment, { structureId, marketIds: ids });
  }

  /** The same, for markets named by their references in the structure (what a record's row carries). */
  async requestRecomputeByRefs(manager: EntityManager, structureId: string, marketRefs: (string | null | undefined)[]): Promise<void> {
    const refs = marketRefs.filter((ref): ref is string => !!ref);
    if (refs.length === 0) return;
    await this.requestRecompute(manager, structureId, await this.repository.marketIds(manager, structureId, refs));
  }

  /**
   * A recompute job: the markets' figures recomputed from the hours and the job's events marked applied, in one
   * transaction (and mostly one statement: the job's latency is the figures' freshness). A second delivery recomputes
   * the same figures and answers false: its events were already applied.
   */
  recompute(payload: JobPayloads[JobName.RecomputeFulfilment], eventIds: string[]): Promise<boolean> {
    const selection = payload.marketIds ? { marketIds: payload.marketIds } : { structureId: payload.structureId };
    return this.dataSource.transaction(async (manager) => (await this.repository.recompute(manager, selection, eventIds)) > 0);
  }

  /**
   * Recomputes every market whose figures are behind its last change, whatever the reason (an event still on its way,
   * or work lost in a way nothing else caught): the figures converge even then. Answers how many were recomputed.
   */
  async reconcile(): Promise<{ markets: number }> {
    let markets = 0;
    for (const stale of await this.repository.staleMarkets()) {
      await this.dataSource.transaction((manager) => this.repository.recompute(manager, { marketIds: stale.marketIds }));
      markets += stale.marketIds.length;
    }
    if (markets > 0) this.logger.log(`reconciliation: ${markets} market(s) recomputed from their latest change`);
    return { markets };
  }

  async forMarket(scope: AccessScope, marketId: string): Promise<MarketFulfilmentDto> {
    const row = await this.repository.market(scope, marketId);
    if (!row) throw new NotFoundError('Marché');
    const [months, awards] = await Promise.all([this.repository.months(marketId), this.repository.awards(marketId)]);
    return {
      ...this.figuresOf(row),
      declaredHours: row.declaredHours,
      computedAt: row.computedAt,
      months,
      awards: awards.map((award) => ({ ...award, rate: award.objective ? this.rateOf(award.validatedHours, award.objective, row) : null })),
    };
  }

  /** The figures of every visible market, or of those listed (a page of a list), as of today. */
  async figures(scope: AccessScope, marketIds?: string[]): Promise<MarketFiguresDto[]> {
    return (await this.repository.all(scope, marketIds)).map((row) => this.figuresOf(row));
  }

  /** The visible markets whose status is `status` today (a status is read from the figures, not stored). */
  async marketsWithStatus(scope: AccessScope, status: FulfilmentStatus): Promise<string[]> {
    return (await this.figures(scope)).filter((figures) => figures.status === status).map((figures) => figures.marketId);
  }

  async buyerOverview(scope: AccessScope, query: BuyerOverviewQuery): Promise<BuyerOverviewDto> {
    const [[rows, total], participants] = await Promise.all([
      this.repository.markets(scope, (query.page - 1) * query.pageSize, query.pageSize),
      this.participantCounts(scope),
    ]);
    return { items: rows.map((row) => this.figuresOf(row)), total, page: query.page, pageSize: query.pageSize, participants };
  }

  /**
   * Aggregate counts only. For a buyer, cells of 1 to 4 people are masked, and in a breakdown with a single masked
   * cell the smallest other one too, so that the total does not give it away (as in a buyer's consolidation).
   */
  async participantCounts(scope: AccessScope, marketId?: string): Promise<ParticipantCountsDto> {
    if (marketId && !(await this.repository.market(scope, marketId))) throw new NotFoundError('Marché');
    const masked = scope.kind === 'buyer';
    const rows: CountRow[] = await this.repository.participantCounts(scope, marketId);
    const of = (dimension: CountRow['dimension']) => {
      const cells = rows.filter((row) => row.dimension === dimension);
      const hidden = masked ? cellsToMask(cells.map((row) => row.count)) : new Set<number>();
      return Object.fromEntries(cells.map((row, index) => [row.value!, hidden.has(index) ? null : row.count]));
    };
    const total = rows.find((row) => row.dimension === 'total')?.count ?? 0;
    return { total: masked && isSmallCount(total) ? null : total, byGender: of('gender'), byPublic: of('public'), byAgeBand: of('ageBand'), masked };
  }

  private figuresOf(row: MarketFiguresRow): MarketFiguresDto {
    const figures = fulfilmentFigures({ objective: row.objective, realised: row.validatedHours, startDate: row.startDate, endDate: row.endDate, today: this.clock.now() });
    return {
      marketId: row.id,
      ref: row.ref,
      title: row.title,
      buyerName: row.buyerName,
      startDate: row.startDate,
      endDate: row.endDate,
      objective: row.objective,
      validatedHours: row.validatedHours,
      rate: figures.rate,
      expectedToDate: figures.expectedToDate,
      status: figures.status,
      elapsedShare: figures.elapsedShare,
    };
  }

  private rateOf(realised: string, objective: string, market: MarketFiguresRow): number | null {
    return fulfilmentFigures({ objective, realised, startDate: market.startDate, endDate: market.endDate, today: this.clock.now() }).rate;
  }
}
