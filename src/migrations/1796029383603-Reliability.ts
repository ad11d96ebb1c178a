import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose writes change a market's fulfilment, and how their rows name the market. */
const MARKET_OF: Record<'hours_entry' | 'work_contract' | 'award', (rows: string) => string> = {
  hours_entry: (rows) => `SELECT wc.market_id FROM ${rows} r JOIN work_contract wc ON wc.id = r.work_contract_id`,
  work_contract: (rows) => `SELECT r.market_id FROM ${rows} r`,
  award: (rows) => `SELECT r.market_id FROM ${rows} r`,
};

/**
 * Background work done when applied: outbox events owed until their consumer applies them (`applied_at`, replacing
 * `processed_event`), with the job that carries them; a change version on every market, bumped in the statement of
 * every write that concerns it, that the reconciliation compares with the version its figures were computed from;
 * consolidations that count the runs their worker did not finish.
 */
export class Reliability1796029383603 implements MigrationInterface {
  name = 'Reliability1796029383603';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "market" ADD "change_version" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "market_fulfilment" ADD "computed_version" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "consolidation" ADD "interruptions" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "outbox_event" ADD "job_id" text`);
    await queryRunner.query(`ALTER TABLE "outbox_event" ADD "publications" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "outbox_event" ADD "applied_at" TIMESTAMP WITH TIME ZONE`);
    // What was applied is known from the markers; what was published and not applied is owed (and will be checked).
    await queryRunner.query(`UPDATE "outbox_event" e SET "applied_at" = p."processed_at" FROM "processed_event" p WHERE p."event_id" = e."id"`);
    await queryRunner.query(`UPDATE "outbox_event" SET "publications" = 1, "job_id" = 'event-' || "id" WHERE "published_at" IS NOT NULL`);
    await queryRunner.query(`DROP TABLE "processed_event"`);
    await queryRunner.query(`CREATE INDEX "outbox_event_owed_idx" ON "outbox_event"  ("published_at") WHERE applied_at IS NULL`);

    // Markets are locked in id order, like the fulfilment recompute locks them, so the two never deadlock.
    await queryRunner.query(`CREATE FUNCTION touch_markets(ids uuid[]) RETURNS void LANGUAGE sql AS $$
      UPDATE market SET change_version = change_version + 1
       WHERE id IN (SELECT id FROM market WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE)
    $$`);
    // A market's own change bumps its version, unless the update is that bump.
    await queryRunner.query(`CREATE FUNCTION market_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.change_version = OLD.change_version THEN NEW.change_version := OLD.change_version + 1; END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER market_changed BEFORE UPDATE ON market FOR EACH ROW EXECUTE FUNCTION market_changed()`);
    for (const [table, marketOf] of Object.entries(MARKET_OF)) {
      // One trigger per statement and event (a trigger with transition tables takes one event): an import of 400,000
      // rows bumps each of its markets once.
      await queryRunner.query(`CREATE FUNCTION ${table}_touch_markets() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN PERFORM touch_markets(ARRAY(${marketOf('new_rows')}));
          ELSIF TG_OP = 'DELETE' THEN PERFORM touch_markets(ARRAY(${marketOf('old_rows')}));
          ELSE PERFORM touch_markets(ARRAY(${marketOf('new_rows')} UNION ${marketOf('old_rows')}));
          END IF;
          RETURN NULL;
        END $$`);
      await queryRunner.query(`CREATE TRIGGER ${table}_inserted AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_touch_markets()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_updated AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_touch_markets()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_deleted AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_touch_markets()`);
    }
    // The version is bookkeeping, not a value anyone changed: kept out of the audit trail.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_changes(old_row jsonb, new_row jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
      SELECT coalesce(jsonb_object_agg(key, jsonb_build_object('old', coalesce(old_row -> key, 'null'), 'new', coalesce(new_row -> key, 'null'))), '{}'::jsonb)
        FROM jsonb_object_keys(coalesce(old_row, '{}') || coalesce(new_row, '{}')) AS key
       WHERE key NOT IN ('id', 'structure_id', 'created_at', 'updated_at', 'change_version')
         AND coalesce(old_row -> key, 'null') IS DISTINCT FROM coalesce(new_row -> key, 'null')
    $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_changes(old_row jsonb, new_row jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
      SELECT coalesce(jsonb_object_agg(key, jsonb_build_object('old', coalesce(old_row -> key, 'null'), 'new', coalesce(new_row -> key, 'null'))), '{}'::jsonb)
        FROM jsonb_object_keys(coalesce(old_row, '{}') || coalesce(new_row, '{}')) AS key
       WHERE key NOT IN ('id', 'structure_id', 'created_at', 'updated_at')
         AND coalesce(old_row -> key, 'null') IS DISTINCT FROM coalesce(new_row -> key, 'null')
    $$`);
    for (const table of Object.keys(MARKET_OF)) {
      for (const event of ['inserted', 'updated', 'deleted']) await queryRunner.query(`DROP TRIGGER ${table}_${event} ON ${table}`);
      await queryRunner.query(`DROP FUNCTION ${table}_touch_markets()`);
    }
    await queryRunner.query(`DROP TRIGGER market_changed ON market`);
    await queryRunner.query(`DROP FUNCTION market_changed()`);
    await queryRunner.query(`DROP FUNCTION touch_markets(uuid[])`);
    await queryRunner.query(`DROP INDEX "public"."outbox_event_owed_idx"`);
    await queryRunner.query(`CREATE TABLE "processed_event" ("consumer" text NOT NULL, "event_id" bigint NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_df88f54e67ec5c5caece922a498" PRIMARY KEY ("consumer", "event_id"))`);
    await queryRunner.query(`INSERT INTO "processed_event" ("consumer", "event_id", "processed_at") SELECT "job_name", "id", "applied_at" FROM "outbox_event" WHERE "applied_at" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "outbox_event" DROP COLUMN "applied_at"`);
    await queryRunner.query(`ALTER TABLE "outbox_event" DROP COLUMN "publications"`);
    await queryRunner.query(`ALTER TABLE "outbox_event" DROP COLUMN "job_id"`);
    await queryRunner.query(`ALTER TABLE "consolidation" DROP COLUMN "interruptions"`);
    await queryRunner.query(`ALTER TABLE "market_fulfilment" DROP COLUMN "computed_version"`);
    await queryRunner.query(`ALTER TABLE "market" DROP COLUMN "change_version"`);
  }
}
