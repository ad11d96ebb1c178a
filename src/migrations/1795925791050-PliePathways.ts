import { MigrationInterface, QueryRunner } from 'typeorm';

export class PliePathways1795925791050 implements MigrationInterface {
  name = 'PliePathways1795925791050';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "plie_pathway" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "structure_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "participant_id" uuid NOT NULL, "entry_date" date NOT NULL, "exit_date" date, "exit_kind" text, "registered_job_seeker" boolean NOT NULL DEFAULT false, "long_term_unemployed" boolean NOT NULL DEFAULT false, "rsa" boolean NOT NULL DEFAULT false, "disabled" boolean NOT NULL DEFAULT false, "inactivity" text, CONSTRAINT "PK_cc16d866ecdd5b81423604a439a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_plie_pathway_participant_entry" ON "plie_pathway"  ("participant_id", "entry_date") `);
    await queryRunner.query(`CREATE TABLE "plie_step" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "structure_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "participant_id" uuid NOT NULL, "kind" text NOT NULL, "start_date" date NOT NULL, "end_date" date, "funded_by_plie" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_93bd69746a41a2cb9271c965c65" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_plie_step_participant_kind_start" ON "plie_step"  ("participant_id", "kind", "start_date") `);
    await queryRunner.query(`ALTER TABLE "plie_pathway" ADD CONSTRAINT "FK_d22083ea7d99ddadbe076182943" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plie_step" ADD CONSTRAINT "FK_4454692f0720d9414c5a7dea7a9" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plie_step" DROP CONSTRAINT "FK_4454692f0720d9414c5a7dea7a9"`);
    await queryRunner.query(`ALTER TABLE "plie_pathway" DROP CONSTRAINT "FK_d22083ea7d99ddadbe076182943"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_plie_step_participant_kind_start"`);
    await queryRunner.query(`DROP TABLE "plie_step"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_plie_pathway_participant_entry"`);
    await queryRunner.query(`DROP TABLE "plie_pathway"`);
  }
}
