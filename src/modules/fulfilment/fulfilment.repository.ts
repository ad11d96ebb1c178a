import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AccessScope } from '../../platform/auth/principal';
import { SqlFilters } from '../../platform/database/sql-filters';
import { marketVisibility } from '../markets/markets.record';
import { preparedQuery } from '../../platform/database/prepared-query';
import { recomputeSql, STALE_MARKETS } from './fulfilment.queries';

export interface MarketFiguresRow {
  id: string;
  ref: string;
  title: string;
  structureId: string;
  buyerName: string;
  startDate: string;
  endDate: string;
  objective: string;
  validatedHours: string;
  declaredHours: string;
  computedAt: string | null;
}

export interface AwardFiguresRow {
  awardId: string;
  companySiret: string;
  companyName: string;
  role: string;
  objective: string | null;
  validatedHours: string;
}

export interface CountRow {
  dimension: 'total' | 'gender' | 'public' | 'ageBand';
  value: string | null;
  count: number;
}

const MARKET_FIGURES = `
  SELECT m.id, m.ref, m.title, m.structure_id AS "structureId", b.name AS "buyerName",
         to_char(m.start_date, 'YYYY-MM-DD') AS "startDate", to_char(m.end_date, 'YYYY-MM-DD') AS "endDate",
         coalesce(f.objective, m.hours_objective)::text AS objective,
         coalesce(f.validated_hours, 0)::text AS "validatedHours", coalesce(f.declared_hours, 0)::text AS "declaredHours",
         to_char(f.computed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "computedAt"
    FROM market m JOIN buyer b ON b.id = m.buyer_id LEFT JOIN market_fulfilment f ON f.market_id = m.id`;

/** Fulfilment figures: maintained by the recompute statements, read by markets, buyers and companies. */
@Injectable()
export class FulfilmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Recomputes the selected markets' figures from the hours, in the caller's transaction, and marks the outbox events
   * `eventIds` applied: answers how many of them were still owed.
   */
  async recompute(manager: EntityManager, selection: { marketIds: string[] } | { structureId: string }, eventIds: string[] = []): Promise<number> {
    const [kind, parameter] = 'marketIds' in selection ? (['markets', selection.marketIds] as const) : (['structure', selection.structureId] as const);
    const { lock, recompute } = recomputeSql(kind);
    await preparedQuery(manager, lock, [parameter]);
    const [{ applied }] = await preparedQuery<{ applied: number }>(manager, recompute, [parameter, eventIds]);
    return applied;
  }

  staleMarkets(): Promise<{ structureId: string; marketIds: string[] }[]> {
    return this.dataSource.query(STALE_MARKETS);
  }

  async marketIds(manager: EntityManager, structureId: string, refs: string[]): Promise<string[]> {
    const rows: { id: string }[] = await manager.query('SELECT id FROM market WHERE structure_id = $1 AND ref = ANY($2)', [structureId, refs]);
    return rows.map((row) => row.id);
  }

  async market(scope: AccessScope, marketId: string): Promise<MarketFiguresRow | undefined> {
    const filters = marketVisibility('m')(scope, new SqlFilters().add('m.id = ?', marketId));
    const rows: MarketFiguresRow[] = await this.dataSource.query(`${MARKET_FIGURES} ${filters.where}`, filters.params);
    return rows[0];
  }

  async markets(scope: AccessScope, offset: number, limit: number): Promise<[MarketFiguresRow[], number]> {
    const filters = marketVisibility('m')(scope, new SqlFilters());
    const rows: (MarketFiguresRow & { total: number })[] = await this.dataSource.query(
      `SELECT * FROM (SELECT figures.*, count(*) OVER ()::int AS total FROM (${MARKET_FIGURES} ${filters.where}) figures) page
        ORDER BY "endDate" DESC, ref LIMIT ${filters.next(limit)} OFFSET ${filters.next(offset)}`,
      filters.params,
    );
    return [rows.map(({ total: _total, ...row }) => row), rows[0]?.total ?? 0];
  }

  /** Every visible market's figures, or those of the markets listed. */
  all(scope: AccessScope, marketIds?: string[]): Promise<MarketFiguresRow[]> {
    const filters = marketVisibility('m')(scope, new SqlFilters()).when(marketIds, 'm.id = ANY(?::uuid[])');
    return this.dataSource.query(`${MARKET_FIGURES} ${filters.where}`, filters.params);
  }

  months(marketId: string): Promise<{ month: string; hours: string }[]> {
    return this.dataSource.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, hours::text AS hours FROM market_fulfilment_month WHERE market_id = $1 ORDER BY month`,
      [marketId],
    );
  }

  awards(marketId: string): Promise<AwardFiguresRow[]> {
    return this.dataSource.query(
      `SELECT a.id AS "awardId", c.siret AS "companySiret", c.name AS "companyName", a.role,
              coalesce(a.hours_objective, a.agreed_hours)::text AS objective, coalesce(af.validated_hours, 0)::text AS "validatedHours"
         FROM award a JOIN company c ON c.id = a.company_id LEFT JOIN award_fulfilment af ON af.award_id = a.id
        WHERE a.market_id = $1 ORDER BY a.role, c.name`,
      [marketId],
    );
  }

  /** Distinct participants placed on the visible markets (or one of them), by gender, by public and by age band. */
  participantCounts(scope: AccessScope, marketId?: string): Promise<CountRow[]> {
    const filters = marketVisibility('m')(scope, new SqlFilters()).when(marketId, 'm.id = ?');
    return this.dataSource.query(
      `WITH people AS (
         -- A person's age band is read at the start of their first contract on these markets, as the consolidation reads it per contract.
         SELECT p.id, p.gender, p.publics,
                CASE WHEN age(min(wc.start_date), p.birth_date) < interval '26 years' THEN 'UNDER_26'
                     WHEN age(min(wc.start_date), p.birth_date) < interval '50 years' THEN '26_TO_49' ELSE '50_AND_OVER' END AS age_band
           FROM market m JOIN buyer b ON b.id = m.buyer_id
           JOIN work_contract wc ON wc.market_id = m.id JOIN participant p ON p.id = wc.participant_id
         ${filters.where}
          GROUP BY p.id)
       SELECT 'total' AS dimension, NULL AS value, count(*)::int AS count FROM people
       UNION ALL SELECT 'gender', gender, count(*)::int FROM people GROUP BY gender
       UNION ALL SELECT 'public', public, count(*)::int FROM people, unnest(publics) AS public GROUP BY public
       UNION ALL SELECT 'ageBand', age_band, count(*)::int FROM people GROUP BY age_band
       ORDER BY 1, 2`,
      filters.params,
    );
  }
}
