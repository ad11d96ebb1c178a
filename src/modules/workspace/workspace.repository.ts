import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface YearTotals {
  hours: string;
  contracts: number;
  participants: number;
}

export interface ContractWithoutHours {
  id: string;
  ref: string;
  participant: string;
  employer: string;
  marketRef: string;
}

/**
 * The dashboard's figures of one structure, each counted by PostgreSQL. Hours are read from the monthly figures the
 * fulfilment workers maintain per market (validated hours, training where the market counts it), not summed again
 * from every entry: a structure of 24,000 contracts has 288,000 entries a year, and the dashboard is its first page.
 * Markets are joined within the structure (`m.structure_id`), so that no query reads the whole country's.
 */
@Injectable()
export class WorkspaceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The years the structure's markets run in, newest first. */
  async years(structureId: string): Promise<number[]> {
    const rows: { year: number }[] = await this.dataSource.query(
      `SELECT generate_series(extract(year FROM max(end_date))::int, extract(year FROM min(start_date))::int, -1) AS year FROM market WHERE structure_id = $1`,
      [structureId],
    );
    return rows.map((row) => row.year);
  }

  /**
   * Validated insertion hours of the year, contracts and people at work in it. The hours are read market by market
   * through the monthly figures' key: the structure's markets, not the whole country's months.
   */
  async yearTotals(structureId: string, year: number): Promise<YearTotals> {
    const [row] = await this.dataSource.query(
      `WITH year AS (SELECT make_date($2, 1, 1) AS first, make_date($2 + 1, 1, 1) AS next),
            running AS (
              SELECT wc.id, wc.participant_id FROM work_contract wc JOIN market m ON m.id = wc.market_id AND m.structure_id = $1, year
               WHERE wc.structure_id = $1 AND wc.start_date < year.next AND coalesce(wc.end_date, m.end_date) >= year.first)
       SELECT (SELECT coalesce(sum(months.hours), 0)::text
                 FROM market m, year,
                      LATERAL (SELECT sum(f.hours) AS hours FROM market_fulfilment_month f
                                WHERE f.market_id = m.id AND f.month >= year.first AND f.month < year.next) months
                WHERE m.structure_id = $1) AS hours,
              (SELECT count(*)::int FROM running) AS contracts,
              (SELECT count(DISTINCT participant_id)::int FROM running) AS participants`,
      [structureId, year],
    );
    return row as YearTotals;
  }

  /** Contracts running in the month that have no hours for it (neither entered nor declared), and how many. */
  async contractsWithoutHours(structureId: string, month: string, limit: number): Promise<{ items: ContractWithoutHours[]; total: number }> {
    // The names are joined to the page of contracts only, not to every contract of the structure.
    const rows: (ContractWithoutHours & { total: number })[] = await this.dataSource.query(
      `WITH missing AS (
         SELECT wc.id, wc.ref, wc.participant_id, wc.employer_id, m.ref AS market_ref, count(*) OVER ()::int AS total
           FROM work_contract wc JOIN market m ON m.id = wc.market_id AND m.structure_id = $1
          WHERE wc.structure_id = $1 AND wc.start_date < ($2::date + interval '1 month') AND coalesce(wc.end_date, m.end_date) >= $2::date
            AND NOT EXISTS (SELECT 1 FROM hours_entry h WHERE h.work_contract_id = wc.id AND h.month = $2::date)
          ORDER BY wc.ref LIMIT $3)
       SELECT mi.id, mi.ref, concat_ws(' ', p.first_name, p.last_name) AS participant, c.name AS employer, mi.market_ref AS "marketRef", mi.total
         FROM missing mi JOIN participant p ON p.id = mi.participant_id JOIN company c ON c.id = mi.employer_id
        ORDER BY mi.ref`,
      [structureId, `${month}-01`, limit],
    );
    return { items: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  async declarationsWaiting(structureId: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS count FROM hours_entry WHERE structure_id = $1 AND status = 'DECLARED'`, [structureId]);
    return (row as { count: number }).count;
  }
}
