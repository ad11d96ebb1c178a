import { DataSource } from 'typeorm';

export interface MarketHours {
  market_id: string;
  validated: string;
}

/** What each market's validated hours must be, computed from the hours themselves by a query independent of the workers'. */
export function fulfilmentFromHours(dataSource: DataSource): Promise<MarketHours[]> {
  return dataSource.query(`
    SELECT m.id AS market_id, coalesce(sum(h.hours_worked + CASE WHEN m.training_counts THEN h.training_hours ELSE 0 END) FILTER (WHERE h.status = 'VALIDATED'), 0)::numeric(12,2)::text AS validated
      FROM market m LEFT JOIN work_contract wc ON wc.market_id = m.id LEFT JOIN hours_entry h ON h.work_contract_id = wc.id
     GROUP BY m.id ORDER BY m.id`);
}

/** Each market's validated hours by month, from the hours themselves (the months with validated hours). */
export function monthsFromHours(dataSource: DataSource): Promise<{ market_id: string; month: string; hours: string }[]> {
  return dataSource.query(`
    SELECT m.id AS market_id, to_char(h.month, 'YYYY-MM') AS month,
           sum(h.hours_worked + CASE WHEN m.training_counts THEN h.training_hours ELSE 0 END)::numeric(12,2)::text AS hours
      FROM market m JOIN work_contract wc ON wc.market_id = m.id JOIN hours_entry h ON h.work_contract_id = wc.id
     WHERE h.status = 'VALIDATED'
     GROUP BY m.id, h.month ORDER BY m.id, month`);
}

/** Each market's validated hours as the workers maintain them (0 where never computed). */
export function maintainedFulfilment(dataSource: DataSource): Promise<MarketHours[]> {
  return dataSource.query(`
    SELECT m.id AS market_id, coalesce(f.validated_hours, 0)::numeric(12,2)::text AS validated
      FROM market m LEFT JOIN market_fulfilment f ON f.market_id = m.id ORDER BY m.id`);
}

/** Whether every market's maintained figures equal the hours. */
export async function fulfilmentAgrees(dataSource: DataSource): Promise<boolean> {
  const [maintained, fromHours] = await Promise.all([maintainedFulfilment(dataSource), fulfilmentFromHours(dataSource)]);
  return JSON.stringify(maintained) === JSON.stringify(fromHours);
}
