import { fromUnits, toUnits } from '../../platform/records/decimals';

export const FULFILMENT_STATUSES = ['ON_TRACK', 'BEHIND', 'DONE'] as const;
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];

/** A status asked in a list's address; anything else asks for no status. */
export function statusFilter(value: unknown): FulfilmentStatus | undefined {
  return (FULFILMENT_STATUSES as readonly unknown[]).includes(value) ? (value as FulfilmentStatus) : undefined;
}

/** Below this share of the hours expected to date, a market is behind: buyers must see it early. */
export const BEHIND_BELOW_SHARE_OF_EXPECTED = 0.8;

const DAY = 86_400_000;

export interface FulfilmentInputs {
  objective: string;
  realised: string;
  startDate: string;
  endDate: string;
  today: Date;
}

export interface FulfilmentFigures {
  /** Realised ÷ objective, in %, one decimal (may exceed 100); null for a zero objective. */
  rate: number | null;
  /** Share of the market's period elapsed on `today`, 0 to 1. */
  elapsedShare: number;
  /** Objective × elapsed share, in hours. */
  expectedToDate: string;
  status: FulfilmentStatus;
}

function days(from: string, to: Date): number {
  return Math.floor((to.getTime() - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** The figures that depend on the day they are read: computed at read time from the maintained hours. */
export function fulfilmentFigures(inputs: FulfilmentInputs): FulfilmentFigures {
  const totalDays = days(inputs.startDate, new Date(`${inputs.endDate}T00:00:00Z`)) + 1;
  const elapsedDays = Math.min(Math.max(days(inputs.startDate, inputs.today) + 1, 0), totalDays);
  const objective = toUnits(inputs.objective);
  const realised = toUnits(inputs.realised);
  const expected = (objective * BigInt(elapsedDays)) / BigInt(totalDays);
  const rate = objective === 0n ? null : Number(((realised * 2000n) / objective + 1n) / 2n) / 10;
  const behindBelow = (expected * BigInt(Math.round(BEHIND_BELOW_SHARE_OF_EXPECTED * 100))) / 100n;
  const status: FulfilmentStatus = realised >= objective ? 'DONE' : realised < behindBelow ? 'BEHIND' : 'ON_TRACK';
  return { rate, elapsedShare: Math.round((elapsedDays / totalDays) * 1000) / 1000, expectedToDate: fromUnits(expected, 2), status };
}

/** SQL: the hours the entry `h` gives its market `m`: training hours count unless the market says they do not. */
export const COUNTED_HOURS_SQL = 'h.hours_worked + CASE WHEN m.training_counts THEN h.training_hours ELSE 0 END';

/** SQL: the entry `h` falls within the period of its market `m` (only those count). */
export const WITHIN_MARKET_PERIOD_SQL = "h.month BETWEEN date_trunc('month', m.start_date) AND m.end_date";

/**
 * SQL: the work contract `wc` is credited to the award `a`: the contracts its company employs on the market, and for
 * the holder those of employers holding no award there (workers made available by an AI, ETTI, GEIQ or ETT).
 */
export const CREDITED_TO_AWARD_SQL =
  "wc.market_id = a.market_id AND (wc.employer_id = a.company_id OR (a.role = 'HOLDER' AND NOT EXISTS (SELECT 1 FROM award other WHERE other.market_id = wc.market_id AND other.company_id = wc.employer_id)))";
