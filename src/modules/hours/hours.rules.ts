import { fromUnits, sum, toUnits } from '../../platform/records/decimals';
import { RowProblem, RowValues } from '../../platform/records/record-definition';
import { withDefault } from '../../platform/records/row-rules';

/** At most this many hours (worked + training) in a month on one contract. */
export const MAX_MONTHLY_HOURS = '220';

export const HOURS_STATUSES = ['DECLARED', 'VALIDATED', 'REJECTED'] as const;
export type HoursStatus = (typeof HOURS_STATUSES)[number];

export function normaliseHours(row: RowValues): { row: RowValues; problems: RowProblem[] } {
  withDefault(row, 'training_hours', '0');
  const total = sum(row.hours_worked ?? null, row.training_hours ?? null);
  const problems =
    total > toUnits(MAX_MONTHLY_HOURS)
      ? [{ column: 'hours_worked', message: `heures travaillées + heures de formation = ${fromUnits(total).replace('.', ',')} h : ${MAX_MONTHLY_HOURS} h au plus par mois sur un contrat` }]
      : [];
  return { row, problems };
}

/**
 * SQL: the work contract `contract` (on market `market`) runs in the month `month` (its first day, a date): the
 * contracts whose hours a company declares for that month.
 */
export function contractRunsInMonthSql(contract: string, market: string, month: string): string {
  return `date_trunc('month', ${contract}.start_date) <= ${month} AND coalesce(${contract}.end_date, ${market}.end_date) >= ${month}`;
}
