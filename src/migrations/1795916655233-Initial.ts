import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795916655233 implements MigrationInterface {
  name = 'Initial1795916655233';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "structure" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ref" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "region" text, "facilitator_count" integer NOT NULL DEFAULT '0', "staffing_computed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_8cc7b05b513f6e69fb1b84945d5" UNIQUE ("ref"), CONSTRAINT "PK_90ac7986e769d602d218075215c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "user_account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "password_hash" text NOT NULL, "role" text NOT NULL, "structure_id" uuid, "siret" character(14), "active" boolean NOT NULL DEFAULT true, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_56a0e4bcec2b5411beafa47ffa5" UNIQUE ("email"), CONSTRAINT "user_account_attachment_chk" CHECK ((role <> 'FACILITATOR' OR structure_id IS NOT NULL) AND (role NOT IN ('BUYER', 'COMPANY') OR siret IS NOT NULL)), CONSTRAINT "PK_6acfec7285fdf9f463462de3e9f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "user_account_structure_idx" ON "user_account"  ("structure_id") `);
    await queryRunner.query(`CREATE TABLE "outbox_event" ("id" BIGSERIAL NOT NULL, "job_name" text NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, "publish_attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "PK_cc0c9e40998e45ecfc5e313429d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "outbox_event_pending_idx" ON "outbox_event"  ("id") WHERE published_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "processed_event" ("consumer" text NOT NULL, "event_id" bigint NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_df88f54e67ec5c5caece922a498" PRIMARY KEY ("consumer", "event_id"))`);
    await queryRunner.query(`ALTER TABLE "user_account" ADD CONSTRAINT "FK_466f556dce825185ad9079d4f5f" FOREIGN KEY ("structure_id") REFERENCES "structure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_account" DROP CONSTRAINT "FK_466f556dce825185ad9079d4f5f"`);
    await queryRunner.query(`DROP TABLE "processed_event"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_event_pending_idx"`);
    await queryRunner.query(`DROP TABLE "outbox_event"`);
    await queryRunner.query(`DROP INDEX "public"."user_account_structure_idx"`);
    await queryRunner.query(`DROP TABLE "user_account"`);
    await queryRunner.query(`DROP TABLE "structure"`);
  }
}
