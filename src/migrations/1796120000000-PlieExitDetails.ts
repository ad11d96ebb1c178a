import { MigrationInterface, QueryRunner } from 'typeorm';

/** A pathway's exit details (employment or training) and the insertion structure of a step. */
export class PlieExitDetails1796120000000 implements MigrationInterface {
  name = 'PlieExitDetails1796120000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plie_pathway"
      ADD "employer_naf_section" text, ADD "employer_type" text, ADD "employer_size_band" text, ADD "exit_contract" text, ADD "exit_measure" text,
      ADD "training_domain" text, ADD "training_level" text, ADD "training_certification" text, ADD "training_start_date" date, ADD "training_end_date" date`);
    await queryRunner.query(`ALTER TABLE "plie_step" ADD "structure_kind" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plie_step" DROP COLUMN "structure_kind"`);
    await queryRunner.query(`ALTER TABLE "plie_pathway"
      DROP COLUMN "employer_naf_section", DROP COLUMN "employer_type", DROP COLUMN "employer_size_band", DROP COLUMN "exit_contract", DROP COLUMN "exit_measure",
      DROP COLUMN "training_domain", DROP COLUMN "training_level", DROP COLUMN "training_certification", DROP COLUMN "training_start_date", DROP COLUMN "training_end_date"`);
  }
}
