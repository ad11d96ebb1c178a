import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The web application's sessions, and the list of a structure's accepted imports its pages show.
 *
 * Sessions, kept on the server: the browser holds only a random token, stored here as its
 * SHA-256 (a copy of the table opens no session). A session belongs to one version of its account: a new password or
 * a deactivation ends it with the account's next token version.
 */
export class WebApplication1796100000000 implements MigrationInterface {
  name = 'WebApplication1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "web_session" (
      "token_hash" bytea PRIMARY KEY,
      "user_id" uuid NOT NULL REFERENCES "user_account"("id") ON DELETE CASCADE,
      "token_version" integer NOT NULL,
      "csrf_token" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "last_seen_at" timestamptz NOT NULL DEFAULT now())`);
    await queryRunner.query(`CREATE INDEX "web_session_user_idx" ON "web_session" ("user_id")`);
    await queryRunner.query(`CREATE INDEX "web_session_last_seen_idx" ON "web_session" ("last_seen_at")`);
    await queryRunner.query(`CREATE TABLE "import_run" (
      "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      "structure_id" uuid NOT NULL REFERENCES "structure"("id") ON DELETE CASCADE,
      "kind" text NOT NULL,
      "file_name" text,
      "actor_id" uuid,
      "actor" text NOT NULL,
      "at" timestamptz NOT NULL DEFAULT now(),
      "inserted" integer NOT NULL,
      "updated" integer NOT NULL,
      "unchanged" integer NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "import_run_structure_idx" ON "import_run" ("structure_id", "at" DESC)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "import_run"`);
    await queryRunner.query(`DROP TABLE "web_session"`);
  }
}
