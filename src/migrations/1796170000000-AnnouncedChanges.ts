import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose writes change a market's fulfilment, and how their rows name the market (as in Reliability). */
const MARKET_OF: Record<'market' | 'hours_entry' | 'work_contract' | 'award', (rows: string) => string> = {
  market: (rows) => `SELECT r.id FROM ${rows} r`,
  hours_entry: (rows) => `SELECT wc.market_id FROM ${rows} r JOIN work_contract wc ON wc.id = r.work_contract_id`,
  work_contract: (rows) => `SELECT r.market_id FROM ${rows} r`,
  award: (rows) => `SELECT r.market_id FROM ${rows} r`,
};

/** The change-noting function of a table; with `guarded`, silent in a transaction that announced all its changes. */
function noteFunction(table: string, marketOf: (rows: string) => string, guarded: boolean): string {
  return `CREATE OR REPLACE FUNCTION ${table}_note_market_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${guarded ? `IF current_setting('clause_tracker.changes_announced', true) = 'on' THEN RETURN NULL; END IF;` : ''}
      IF TG_OP = 'INSERT' THEN INSERT INTO market_change (market_id) SELECT DISTINCT id FROM (${marketOf('new_rows')}) AS changed (id);
      ELSIF TG_OP = 'DELETE' THEN INSERT INTO market_change (market_id) SELECT DISTINCT id FROM (${marketOf('old_rows')}) AS changed (id)
                                  WHERE EXISTS (SELECT 1 FROM market m WHERE m.id = changed.id);
      ELSE INSERT INTO market_change (market_id) SELECT DISTINCT id FROM (${marketOf('new_rows')} UNION ${marketOf('old_rows')}) AS changed (id);
      END IF;
      RETURN NULL;
    END $$`;
}

/**
 * Change notes are the reconciliation's safety net for writes no event announced. A transaction that asks, with its
 * writes, for every market of their structures to be recomputed (an import) sets `clause_tracker.changes_announced`
 * for itself, and its statements note nothing: for an import of 400,000 hours, the notes were a tenth of its merge.
 */
export class AnnouncedChanges1796170000000 implements MigrationInterface {
  name = 'AnnouncedChanges1796170000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, marketOf] of Object.entries(MARKET_OF)) await queryRunner.query(noteFunction(table, marketOf, true));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, marketOf] of Object.entries(MARKET_OF)) await queryRunner.query(noteFunction(table, marketOf, false));
  }
}
