import { MigrationInterface, QueryRunner } from 'typeorm';

/** Imports audited as one act: the import record, and the import that created each record. */
export class ImportRecords1796160000000 implements MigrationInterface {
  name = 'ImportRecords1796160000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "import_file" ("id" BIGSERIAL NOT NULL, "kind" text NOT NULL, "file_name" text, "size_bytes" bigint NOT NULL, "sha256" text NOT NULL, "inserted" integer NOT NULL, "updated" integer NOT NULL, "unchanged" integer NOT NULL, "deleted" integer, "duration_ms" integer NOT NULL, "actor_id" uuid, "actor" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "content_gzip" bytea NOT NULL, CONSTRAINT "PK_1c45e43598e6cde5b5934cfca7c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "buyer" ADD "created_by_import" bigint`);
    await queryRunner.query(`ALTER TABLE "operation" ADD "created_by_import" bigint`);
    await queryRunner.query(`ALTER TABLE "market" ADD "created_by_import" bigint`);
    await queryRunner.query(`ALTER TABLE "company" ADD "created_by_import" bigint`);
    await queryRunner.query(`ALTER TABLE "award" ADD "created_by_import" bigint`);
    await queryRunner.query(`ALTER TABLE "participant" ADD "created_by_import" bigint`);
    await queryRunner.query(`ALTER TABLE "work_contract" ADD "created_by_import" bigint`);
    await queryRunner.query(`ALTER TABLE "hours_entry" ADD "created_by_import" bigint`);
    await queryRunner.query(`ALTER TABLE "plie_pathway" ADD "created_by_import" bigint`);
    await queryRunner.query(`ALTER TABLE "plie_step" ADD "created_by_import" bigint`);
    await queryRunner.query(`ALTER TABLE "plie_annual_figure" ADD "created_by_import" bigint`);
    // A structure's list of imports names the import record; the lines of imports made before keep none.
    await queryRunner.query(`ALTER TABLE "import_run" ADD "import_id" bigint REFERENCES "import_file"("id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_run" DROP COLUMN "import_id"`);
    await queryRunner.query(`ALTER TABLE "plie_annual_figure" DROP COLUMN "created_by_import"`);
    await queryRunner.query(`ALTER TABLE "plie_step" DROP COLUMN "created_by_import"`);
    await queryRunner.query(`ALTER TABLE "plie_pathway" DROP COLUMN "created_by_import"`);
    await queryRunner.query(`ALTER TABLE "hours_entry" DROP COLUMN "created_by_import"`);
    await queryRunner.query(`ALTER TABLE "work_contract" DROP COLUMN "created_by_import"`);
    await queryRunner.query(`ALTER TABLE "participant" DROP COLUMN "created_by_import"`);
    await queryRunner.query(`ALTER TABLE "award" DROP COLUMN "created_by_import"`);
    await queryRunner.query(`ALTER TABLE "company" DROP COLUMN "created_by_import"`);
    await queryRunner.query(`ALTER TABLE "market" DROP COLUMN "created_by_import"`);
    await queryRunner.query(`ALTER TABLE "operation" DROP COLUMN "created_by_import"`);
    await queryRunner.query(`ALTER TABLE "buyer" DROP COLUMN "created_by_import"`);
    await queryRunner.query(`DROP TABLE "import_file"`);
  }
}
