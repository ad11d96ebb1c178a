import { MigrationInterface, QueryRunner } from 'typeorm';

/** The declared figures of the PLIE's yearly questionnaire (Tables 6, 7 and 10 of the national report). */
export class PlieQuestionnaire1796130000000 implements MigrationInterface {
  name = 'PlieQuestionnaire1796130000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "plie_annual_figure" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "structure_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "year" integer NOT NULL, "questionnaire_table" text NOT NULL, "item" text NOT NULL, "measure" text NOT NULL, "value" numeric(14,2) NOT NULL, CONSTRAINT "PK_e646eb90878c5e38f0350eb0c9a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_plie_annual_figure" ON "plie_annual_figure"  ("structure_id", "year", "questionnaire_table", "item", "measure") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_plie_annual_figure"`);
    await queryRunner.query(`DROP TABLE "plie_annual_figure"`);
  }
}
