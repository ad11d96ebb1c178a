import { MigrationInterface, QueryRunner } from 'typeorm';

/** Access tokens that end when the account changes; searches that ignore accents. */
export class Hardening1796031100000 implements MigrationInterface {
  name = 'Hardening1796031100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_account" ADD "token_version" integer NOT NULL DEFAULT '0'`);
    // unaccent is a trusted extension (PostgreSQL 13+): the database's owner may create it.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP EXTENSION IF EXISTS unaccent`);
    await queryRunner.query(`ALTER TABLE "user_account" DROP COLUMN "token_version"`);
  }
}
