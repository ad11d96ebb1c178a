import { markAppliedSql } from '../../platform/outbox/outbox.service';
import { COUNTED_HOURS_SQL, CREDITED_TO_AWARD_SQL, WITHIN_MARKET_PERIOD_SQL } from './fulfilment.rules';

/**
 * The SQL that maintains market and award fulfilment. The same two statements serve both the incremental update
 * (the markets an event names) and the full recompute (every market of a structure): `$1` is an array of market ids,
 * or the structure's id. Only validated hours count, within the market's period; training hours count unless
 * the market says otherwise.
 */
export type Selection = 'markets' | 'structure';

const TARGETS: Record<Selection, string> = {
  markets: 'SELECT id FROM market WHERE id = ANY($1::uuid[])',
  structure: 'SELECT id FROM market WHERE structure_id = $1::uuid',
};


/**
 * Serialises concurrent recomputes of the same markets. NO KEY UPDATE, not UPDATE: the key-share locks
 * that inserting an award, a contract or hours takes on its market must not wait for a recompute, or an import
 * taking them in file order deadlocks with a recompute taking them in id order.
 * It also sets, for the rest of the transaction, that the prepared recompute runs on the plan its connection made
 * once: planning it for each job's own list of markets took longer than running it.
 */
const LOCK_MARKETS = `
  SELECT m.id FROM market m, (SELECT set_config('plan_cache_mode', 'force_generic_plan', true)) AS generic_plans
   WHERE m.id IN ({{target}}) ORDER BY m.id FOR NO KEY UPDATE OF m`;

/**
 * Everything else in one statement, so under one snapshot taken once the markets are locked: the change notes of
 * these markets are forgotten (a write committed after the snapshot keeps its note, and the reconciliation
 * recomputes the market again), and the months, markets and awards are recomputed from the hours. Figures are
 * upserted, and only rows the hours no longer give are removed, so an unchanged figure is not rewritten. The
 * market's total is the sum of its months as computed here (a statement does not read its own writes). The outbox
 * events of `$2` are marked applied by the same statement, which answers how many were still owed. Its leading
 * comment names it in pg_stat_activity, which shows a statement's first kilobyte only.
 */
const RECOMPUTE = `/* recompute-fulfilment */
  WITH target AS (SELECT id FROM market WHERE id IN ({{target}})),
  applied AS (${markAppliedSql('$2')}),
  forgotten_changes AS (DELETE FROM market_change WHERE market_id IN (SELECT id FROM target)),
  months AS (
    SELECT m.id AS market_id, h.month, sum(${COUNTED_HOURS_SQL}) AS hours
      FROM market m
      JOIN work_contract wc ON wc.market_id = m.id
      JOIN hours_entry h ON h.work_contract_id = wc.id
     WHERE m.id IN (SELECT id FROM target)
       AND h.status = 'VALIDATED'
       AND ${WITHIN_MARKET_PERIOD_SQL}
     GROUP BY m.id, h.month),
  cleared_months AS (
    DELETE FROM market_fulfilment_month mm
     WHERE mm.market_id IN (SELECT id FROM target)
       AND NOT EXISTS (SELECT 1 FROM months WHERE months.market_id = mm.market_id AND months.month = mm.month)),
  filled_months AS (
    INSERT INTO market_fulfilment_month AS mm (market_id, month, hours) SELECT market_id, month, hours FROM months
    ON CONFLICT (market_id, month) DO UPDATE SET hours = EXCLUDED.hours WHERE mm.hours IS DISTINCT FROM EXCLUDED.hours),
  markets AS (
    INSERT INTO market_fulfilment (market_id, structure_id, objective, validated_hours, declared_hours, computed_at)
    SELECT m.id, m.structure_id, m.hours_objective,
           coalesce((SELECT sum(months.hours) FROM months WHERE months.market_id = m.id), 0),
           coalesce((SELECT sum(${COUNTED_HOURS_SQL})
                       FROM work_contract wc JOIN hours_entry h ON h.work_contract_id = wc.id
                      WHERE wc.market_id = m.id AND h.status = 'DECLARED'), 0),
           now()
      FROM market m
     WHERE m.id IN (SELECT id FROM target)
    ON CONFLICT (market_id) DO UPDATE
       SET structure_id = EXCLUDED.structure_id, objective = EXCLUDED.objective, validated_hours = EXCLUDED.validated_hours,
           declared_hours = EXCLUDED.declared_hours, computed_at = EXCLUDED.computed_at),
  -- An award is credited with the hours of the contracts its company employs on the market; the holder also gets
  -- those of employers holding no award there (workers made available by an AI, ETTI, GEIQ or ETT).
  awards AS (
    SELECT a.id AS award_id, a.market_id, coalesce(sum(${COUNTED_HOURS_SQL}), 0) AS hours
      FROM award a
      JOIN market m ON m.id = a.market_id
      LEFT JOIN work_contract wc
             ON ${CREDITED_TO_AWARD_SQL}
      LEFT JOIN hours_entry h
             ON h.work_contract_id = wc.id AND h.status = 'VALIDATED'
            AND ${WITHIN_MARKET_PERIOD_SQL}
     WHERE a.market_id IN (SELECT id FROM target)
     GROUP BY a.id, a.market_id),
  -- An award moved to another market leaves this one's figures (the other's recompute writes it there).
  cleared_awards AS (
    DELETE FROM award_fulfilment af
     WHERE af.market_id IN (SELECT id FROM target) AND af.award_id NOT IN (SELECT award_id FROM awards)),
  filled_awards AS (
    INSERT INTO award_fulfilment AS af (award_id, market_id, validated_hours) SELECT award_id, market_id, hours FROM awards
    ON CONFLICT (award_id) DO UPDATE SET market_id = EXCLUDED.market_id, validated_hours = EXCLUDED.validated_hours
     WHERE (af.market_id, af.validated_hours) IS DISTINCT FROM (EXCLUDED.market_id, EXCLUDED.validated_hours))
  SELECT count(*)::int AS applied FROM applied`;

/**
 * Markets with a change their figures may not include (see `MarketChange`), by structure: what the reconciliation
 * recomputes.
 */
export const STALE_MARKETS = `
  SELECT m.structure_id AS "structureId", array_agg(m.id ORDER BY m.id) AS "marketIds"
    FROM market m WHERE m.id IN (SELECT market_id FROM market_change)
   GROUP BY m.structure_id`;

/** The recompute of a selection: `lock` first (`$1`), then `recompute` (`$1`, and `$2` the events it applies). */
export function recomputeSql(selection: Selection): { lock: string; recompute: string } {
  const target = TARGETS[selection];
  return { lock: LOCK_MARKETS.replaceAll('{{target}}', target), recompute: RECOMPUTE.replaceAll('{{target}}', target) };
}
