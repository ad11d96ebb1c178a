import { MigrationInterface, QueryRunner } from 'typeorm';

export class Consolidation1795930912096 implements MigrationInterface {
  name = 'Consolidation1795930912096';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "consolidation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "year" integer NOT NULL, "scope_kind" text NOT NULL, "scope_ref" text, "scope_structure_id" uuid, "status" text NOT NULL DEFAULT 'QUEUED', "progress" integer NOT NULL DEFAULT '0', "stage" text, "attempts" integer NOT NULL DEFAULT '0', "error" text, "requested_by" uuid, "requested_by_label" text NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "data_fingerprint" text, "figures_fingerprint" text, "previous_snapshot_id" uuid, "report" json, CONSTRAINT "PK_30abd37e06f79b0e55873ac6d17" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IX_consolidation_scope_year" ON "consolidation"  ("scope_kind", "scope_ref", "year") `);
    // A snapshot is immutable once finished: what was published can always be shown again as it was.
    await queryRunner.query(`CREATE FUNCTION consolidation_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'consolidation snapshot % is immutable', OLD.id USING ERRCODE = 'check_violation';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER consolidation_snapshot_immutable BEFORE UPDATE OR DELETE ON consolidation
      FOR EACH ROW WHEN (OLD.status = 'DONE') EXECUTE FUNCTION consolidation_snapshot_immutable()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER consolidation_snapshot_immutable ON consolidation`);
    await queryRunner.query(`DROP FUNCTION consolidation_snapshot_immutable()`);
    await queryRunner.query(`DROP INDEX "public"."IX_consolidation_scope_year"`);
    await queryRunner.query(`DROP TABLE "consolidation"`);
  }
}
