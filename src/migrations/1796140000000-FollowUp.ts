import { MigrationInterface, QueryRunner } from 'typeorm';

export class FollowUp1796140000000 implements MigrationInterface {
  name = 'FollowUp1796140000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "attestation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "kind" text NOT NULL, "structure_id" uuid NOT NULL, "market_id" uuid, "company_siret" text, "buyer_siret" text, "period_from" date NOT NULL, "period_to" date NOT NULL, "facts" jsonb NOT NULL, "figures_digest" text NOT NULL, "issued_by" uuid NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" uuid, "revocation_reason" text, CONSTRAINT "attestation_revocation_chk" CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL)), CONSTRAINT "attestation_kind_chk" CHECK (kind IN ('COMPANY', 'MARKET_YEAR') AND (kind <> 'COMPANY' OR company_siret IS NOT NULL) AND (kind <> 'MARKET_YEAR' OR market_id IS NOT NULL)), CONSTRAINT "PK_c5443ea47f1f49c64c47257a6a2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "attestation_company_idx" ON "attestation"  ("company_siret") `);
    await queryRunner.query(`CREATE INDEX "attestation_buyer_idx" ON "attestation"  ("buyer_siret") `);
    await queryRunner.query(`CREATE INDEX "attestation_structure_idx" ON "attestation"  ("structure_id", "issued_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "attestation_code_uq" ON "attestation"  ("code") `);
    await queryRunner.query(`CREATE TABLE "participant_erasure" ("id" BIGSERIAL NOT NULL, "participant_id" uuid NOT NULL, "structure_id" uuid NOT NULL, "last_activity_on" date NOT NULL, "retention_years" integer NOT NULL, "erased_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_513f03cdd527894da4ea7903107" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "participant_erasure_participant_uq" ON "participant_erasure"  ("participant_id") `);
    await queryRunner.query(`CREATE TABLE "reminder" ("id" BIGSERIAL NOT NULL, "kind" text NOT NULL, "subject" text NOT NULL, "period" text NOT NULL DEFAULT '', "sequence" integer NOT NULL DEFAULT '1', "given_on" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9ec029d17cb8dece186b9221ede" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "reminder_key_uq" ON "reminder"  ("kind", "subject", "period", "sequence") `);
    await queryRunner.query(`CREATE TABLE "market_watch" ("market_id" uuid NOT NULL, "status" text NOT NULL, "seen_on" date NOT NULL, CONSTRAINT "PK_e40bb79940dda6ddc7abe32fa80" PRIMARY KEY ("market_id"))`);
    await queryRunner.query(`CREATE TABLE "mail_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient" text NOT NULL, "user_id" uuid, "subject" text NOT NULL, "text_body" text NOT NULL, "html_body" text NOT NULL, "dedupe_key" text, "status" text NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "mail_message_status_chk" CHECK (status IN ('PENDING', 'SENT', 'FAILED')), CONSTRAINT "PK_d23285093ea237bc7632d4fcce9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "mail_message_dedupe_uq" ON "mail_message"  ("dedupe_key") `);
    await queryRunner.query(`CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "link" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "notification_user_idx" ON "notification"  ("user_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "notification_unread_idx" ON "notification"  ("user_id") WHERE read_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "scheduled_run" ("job" text NOT NULL, "period" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "outcome" text NOT NULL, "summary" text, CONSTRAINT "PK_dfc96a633b8dfab8dee7c61f441" PRIMARY KEY ("job", "period"))`);
    await queryRunner.query(`ALTER TABLE "user_account" ADD "muted_notification_kinds" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "attestation" ADD CONSTRAINT "FK_c507112612d9389d91c2e5e5fc2" FOREIGN KEY ("structure_id") REFERENCES "structure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "attestation" ADD CONSTRAINT "FK_e5329567fece07853967f265000" FOREIGN KEY ("market_id") REFERENCES "market"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "participant_erasure" ADD CONSTRAINT "FK_a5fe9e646f5bd55bffb5b3ae0c2" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "market_watch" ADD CONSTRAINT "FK_e40bb79940dda6ddc7abe32fa80" FOREIGN KEY ("market_id") REFERENCES "market"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // An issued attestation is a fact: nothing in it may change but its revocation, given once with its reason.
    await queryRunner.query(`CREATE FUNCTION attestation_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'an issued attestation cannot be deleted' USING ERRCODE = 'check_violation'; END IF;
        IF OLD.revoked_at IS NOT NULL OR (to_jsonb(NEW) - '{revoked_at,revoked_by,revocation_reason}'::text[]) <> (to_jsonb(OLD) - '{revoked_at,revoked_by,revocation_reason}'::text[]) THEN
          RAISE EXCEPTION 'an issued attestation cannot be changed, only revoked once' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER attestation_immutable BEFORE UPDATE OR DELETE ON attestation FOR EACH ROW EXECUTE FUNCTION attestation_immutable()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER attestation_immutable ON attestation`);
    await queryRunner.query(`DROP FUNCTION attestation_immutable()`);
    await queryRunner.query(`ALTER TABLE "market_watch" DROP CONSTRAINT "FK_e40bb79940dda6ddc7abe32fa80"`);
    await queryRunner.query(`ALTER TABLE "participant_erasure" DROP CONSTRAINT "FK_a5fe9e646f5bd55bffb5b3ae0c2"`);
    await queryRunner.query(`ALTER TABLE "attestation" DROP CONSTRAINT "FK_e5329567fece07853967f265000"`);
    await queryRunner.query(`ALTER TABLE "attestation" DROP CONSTRAINT "FK_c507112612d9389d91c2e5e5fc2"`);
    await queryRunner.query(`ALTER TABLE "user_account" DROP COLUMN "muted_notification_kinds"`);
    await queryRunner.query(`DROP TABLE "scheduled_run"`);
    await queryRunner.query(`DROP INDEX "public"."notification_unread_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notification_user_idx"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP INDEX "public"."mail_message_dedupe_uq"`);
    await queryRunner.query(`DROP TABLE "mail_message"`);
    await queryRunner.query(`DROP TABLE "market_watch"`);
    await queryRunner.query(`DROP INDEX "public"."reminder_key_uq"`);
    await queryRunner.query(`DROP TABLE "reminder"`);
    await queryRunner.query(`DROP INDEX "public"."participant_erasure_participant_uq"`);
    await queryRunner.query(`DROP TABLE "participant_erasure"`);
    await queryRunner.query(`DROP INDEX "public"."attestation_code_uq"`);
    await queryRunner.query(`DROP INDEX "public"."attestation_structure_idx"`);
    await queryRunner.query(`DROP INDEX "public"."attestation_buyer_idx"`);
    await queryRunner.query(`DROP INDEX "public"."attestation_company_idx"`);
    await queryRunner.query(`DROP TABLE "attestation"`);
  }
}
