import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose writes change a market's fulfilment, and how their rows name the market. */
const MARKET_OF: Record<'market' | 'hours_entry' | 'work_contract' | 'award', (rows: string) => string> = {
  market: (rows) => `SELECT r.id FROM ${rows} r`,
  hours_entry: (rows) => `SELECT wc.market_id FROM ${rows} r JOIN work_contract wc ON wc.id = r.work_contract_id`,
  work_contract: (rows) => `SELECT r.market_id FROM ${rows} r`,
  award: (rows) => `SELECT r.market_id FROM ${rows} r`,
};

/**
 * Background work done when applied: outbox events owed until their consumer applies them (`applied_at`, replacing
 * `processed_event`), with the job that carries them; change notes written by every statement that concerns a
 * market's fulfilment, which its recompute removes and the reconciliation looks for; consolidations that count the
 * runs their worker did not finish.
 */
export class Reliability1796029383603 implements MigrationInterface {
  name = 'Reliability1796029383603';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "market_change" ("id" BIGSERIAL NOT NULL, "market_id" uuid NOT NULL, "noted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4a7cb9287d71f8304460f0d23ca" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_market_change_market" ON "market_change"  ("market_id") `);
    await queryRunner.query(`ALTER TABLE "market_change" ADD CONSTRAINT "FK_99a34bc00456dfe84ba886ee623" FOREIGN KEY ("market_id") REFERENCES "market"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consolidation" ADD "interruptions" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "outbox_event" ADD "job_id" text`);
    await queryRunner.query(`ALTER TABLE "outbox_event" ADD "publications" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "outbox_event" ADD "applied_at" TIMESTAMP WITH TIME ZONE`);
    // What was applied is known from the markers; what was published and not applied is owed (and will be checked).
    await queryRunner.query(`UPDATE "outbox_event" e SET "applied_at" = p."processed_at" FROM "processed_event" p WHERE p."event_id" = e."id"`);
    await queryRunner.query(`UPDATE "outbox_event" SET "publications" = 1, "job_id" = 'event-' || "id" WHERE "published_at" IS NOT NULL`);
    await queryRunner.query(`DROP TABLE "processed_event"`);
    await queryRunner.query(`CREATE INDEX "outbox_event_owed_idx" ON "outbox_event"  ("published_at") WHERE applied_at IS NULL`);

    for (const [table, marketOf] of Object.entries(MARKET_OF)) {
      // One trigger per statement and event (a trigger with transition tables takes one event): an import of 400,000
      // hours notes each of its markets once. Notes are inserted: concurrent writes on one market never wait.
      await queryRunner.query(`CREATE FUNCTION ${table}_note_market_changes() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN INSERT INTO market_change (market_id) SELECT DISTINCT id FROM (${marketOf('new_rows')}) AS changed (id);
          ELSIF TG_OP = 'DELETE' THEN INSERT INTO market_change (market_id) SELECT DISTINCT id FROM (${marketOf('old_rows')}) AS changed (id)
                                      WHERE EXISTS (SELECT 1 FROM market m WHERE m.id = changed.id);
          ELSE INSERT INTO market_change (market_id) SELECT DISTINCT id FROM (${marketOf('new_rows')} UNION ${marketOf('old_rows')}) AS changed (id);
          END IF;
          RETURN NULL;
        END $$`);
      await queryRunner.query(`CREATE TRIGGER ${table}_inserted AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_note_market_changes()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_updated AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_note_market_changes()`);
      if (table !== 'market') {
        await queryRunner.query(`CREATE TRIGGER ${table}_deleted AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_note_market_changes()`);
      }
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.keys(MARKET_OF)) {
      for (const event of table === 'market' ? ['inserted', 'updated'] : ['inserted', 'updated', 'deleted']) await queryRunner.query(`DROP TRIGGER ${table}_${event} ON ${table}`);
      await queryRunner.query(`DROP FUNCTION ${table}_note_market_changes()`);
    }
    await queryRunner.query(`DROP INDEX "public"."outbox_event_owed_idx"`);
    await queryRunner.query(`CREATE TABLE "processed_event" ("consumer" text NOT NULL, "event_id" bigint NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_df88f54e67ec5c5caece922a498" PRIMARY KEY ("consumer", "event_id"))`);
    await queryRunner.query(`INSERT INTO "processed_event" ("consumer", "event_id", "processed_at") SELECT "job_name", "id", "applied_at" FROM "outbox_event" WHERE "applied_at" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "outbox_event" DROP COLUMN "applied_at"`);
    await queryRunner.query(`ALTER TABLE "outbox_event" DROP COLUMN "publications"`);
    await queryRunner.query(`ALTER TABLE "outbox_event" DROP COLUMN "job_id"`);
    await queryRunner.query(`ALTER TABLE "consolidation" DROP COLUMN "interruptions"`);
    await queryRunner.query(`ALTER TABLE "market_change" DROP CONSTRAINT "FK_99a34bc00456dfe84ba886ee623"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_market_change_market"`);
    await queryRunner.query(`DROP TABLE "market_change"`);
  }
}
