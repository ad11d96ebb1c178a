import { MigrationInterface, QueryRunner } from 'typeorm';

/** A password chosen by an administrator is temporary: its owner must choose another at the next login. */
export class PasswordChange1796110000000 implements MigrationInterface {
  name = 'PasswordChange1796110000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_account" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_account" DROP COLUMN "must_change_password"`);
  }
}
