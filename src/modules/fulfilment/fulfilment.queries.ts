import { COUNTED_HOURS_SQL, CREDITED_TO_AWARD_SQL, WITHIN_MARKET_PERIOD_SQL } from './fulfilment.rules';

/**
 * The SQL that maintains market and award fulfilment. One set of statements serves both the incremental update (the
 * markets an event names) and the full recompute (every market of a structure): `$1` is an array of market ids, or the
 * structure's id. Only validated hours count, within the market's period; training hours count unless
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
 */
const LOCK_MARKETS = `SELECT id FROM market WHERE id IN ({{target}}) ORDER BY id FOR NO KEY UPDATE`;

/**
 * The change notes of these markets that this recompute covers: removed before the hours are read, so a write
 * committed after the removal leaves its note, and the reconciliation recomputes the market again.
 */
const FORGET_CHANGES = `DELETE FROM market_change WHERE market_id IN ({{target}})`;

const CLEAR_MONTHS = `DELETE FROM market_fulfilment_month WHERE market_id IN ({{target}})`;

const FILL_MONTHS = `
  INSERT INTO market_fulfilment_month (market_id, month, hours)
  SELECT m.id, h.month, sum(${COUNTED_HOURS_SQL})
    FROM market m
    JOIN work_contract wc ON wc.market_id = m.id
    JOIN hours_entry h ON h.work_contract_id = wc.id
   WHERE m.id IN ({{target}})
     AND h.status = 'VALIDATED'
     AND ${WITHIN_MARKET_PERIOD_SQL}
   GROUP BY m.id, h.month`;

const UPSERT_MARKETS = `
  INSERT INTO market_fulfilment (market_id, structure_id, objective, validated_hours, declared_hours, computed_at)
  SELECT m.id, m.structure_id, m.hours_objective,
         coalesce((SELECT sum(mm.hours) FROM market_fulfilment_month mm WHERE mm.market_id = m.id), 0),
         coalesce((SELECT sum(${COUNTED_HOURS_SQL})
                     FROM work_contract wc JOIN hours_entry h ON h.work_contract_id = wc.id
                    WHERE wc.market_id = m.id AND h.status = 'DECLARED'), 0),
         now()
    FROM market m
   WHERE m.id IN ({{target}})
  ON CONFLICT (market_id) DO UPDATE
     SET structure_id = EXCLUDED.structure_id, objective = EXCLUDED.objective, validated_hours = EXCLUDED.validated_hours,
         declared_hours = EXCLUDED.declared_hours, computed_at = EXCLUDED.computed_at`;

const CLEAR_AWARDS = `DELETE FROM award_fulfilment WHERE market_id IN ({{target}})`;

/**
 * An award is credited with the hours of the contracts its company employs on the market; the holder also gets
 * those of employers holding no award there (workers made available by an AI, ETTI, GEIQ or ETT).
 */
const FILL_AWARDS = `
  INSERT INTO award_fulfilment (award_id, market_id, validated_hours)
  SELECT a.id, a.market_id,
         coalesce(sum(${COUNTED_HOURS_SQL}), 0)
    FROM award a
    JOIN market m ON m.id = a.market_id
    LEFT JOIN work_contract wc
           ON ${CREDITED_TO_AWARD_SQL}
    LEFT JOIN hours_entry h
           ON h.work_contract_id = wc.id AND h.status = 'VALIDATED'
          AND ${WITHIN_MARKET_PERIOD_SQL}
   WHERE a.market_id IN ({{target}})
   GROUP BY a.id, a.market_id`;

/**
 * Markets with a change their figures may not include (see `MarketChange`), by structure: what the reconciliation
 * recomputes.
 */
export const STALE_MARKETS = `
  SELECT m.structure_id AS "structureId", array_agg(m.id ORDER BY m.id) AS "marketIds"
    FROM market m WHERE m.id IN (SELECT market_id FROM market_change)
   GROUP BY m.structure_id`;

export function recomputeStatements(selection: Selection): string[] {
  const target = TARGETS[selection];
  return [LOCK_MARKETS, FORGET_CHANGES, CLEAR_MONTHS, FILL_MONTHS, UPSERT_MARKETS, CLEAR_AWARDS, FILL_AWARDS].map((sql) => sql.replaceAll('{{target}}', target));
}
