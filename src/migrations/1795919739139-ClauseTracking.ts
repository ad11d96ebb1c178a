import { MigrationInterface, QueryRunner } from 'typeorm';

export class ClauseTracking1795919739139 implements MigrationInterface {
  name = 'ClauseTracking1795919739139';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "company" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "structure_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "siret" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "naf_code" text, "size_band" text, CONSTRAINT "PK_056f7854a7afdba7cbd6d45fc20" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_company_siret" ON "company"  ("siret") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_company_structure_siret" ON "company"  ("structure_id", "siret") `);
    await queryRunner.query(`CREATE TABLE "buyer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "structure_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ref" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "siret" text, CONSTRAINT "PK_0480fc3c7289846a31b8e1bc503" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_buyer_siret" ON "buyer"  ("siret") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_buyer_structure_ref" ON "buyer"  ("structure_id", "ref") `);
    await queryRunner.query(`CREATE TABLE "operation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "structure_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ref" text NOT NULL, "buyer_id" uuid NOT NULL, "name" text NOT NULL, "urban_renewal" boolean NOT NULL DEFAULT false, "qpv" boolean NOT NULL DEFAULT false, "start_date" date, "end_date" date, CONSTRAINT "PK_18556ee6e49c005fc108078f3ab" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_operation_buyer" ON "operation"  ("buyer_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_operation_structure_ref" ON "operation"  ("structure_id", "ref") `);
    await queryRunner.query(`CREATE TABLE "market" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "structure_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ref" text NOT NULL, "buyer_id" uuid NOT NULL, "operation_id" uuid, "parent_market_id" uuid, "title" text NOT NULL, "legal_basis" text NOT NULL, "sector" text NOT NULL, "amount_excl_tax" numeric(14,2), "labour_share_pct" numeric(5,2), "insertion_rate_pct" numeric(5,2), "hourly_cost" numeric(8,2), "hours_objective" numeric(10,2) NOT NULL, "hours_objective_computed" boolean NOT NULL DEFAULT false, "training_counts" boolean NOT NULL DEFAULT true, "start_date" date NOT NULL, "end_date" date NOT NULL, CONSTRAINT "PK_1e9a2963edfd331d92018e3abac" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_market_buyer" ON "market"  ("buyer_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_market_operation" ON "market"  ("operation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_market_parent" ON "market"  ("parent_market_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_market_structure_ref" ON "market"  ("structure_id", "ref") `);
    await queryRunner.query(`CREATE TABLE "award" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "structure_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "market_id" uuid NOT NULL, "company_id" uuid NOT NULL, "role" text NOT NULL, "hours_objective" numeric(10,2), "agreed_hours" numeric(10,2), CONSTRAINT "PK_e887e4e69663925ebb60d3a7775" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_award_company" ON "award"  ("company_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_award_market_company" ON "award"  ("market_id", "company_id") `);
    await queryRunner.query(`CREATE TABLE "market_fulfilment" ("market_id" uuid NOT NULL, "structure_id" uuid NOT NULL, "objective" numeric(10,2) NOT NULL, "validated_hours" numeric(12,2) NOT NULL, "declared_hours" numeric(12,2) NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7093a44503965f3742ec84198ee" PRIMARY KEY ("market_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_market_fulfilment_structure" ON "market_fulfilment"  ("structure_id") `);
    await queryRunner.query(`CREATE TABLE "market_fulfilment_month" ("market_id" uuid NOT NULL, "month" date NOT NULL, "hours" numeric(12,2) NOT NULL, CONSTRAINT "PK_cbf0b82b2bd3209d6a0885af981" PRIMARY KEY ("market_id", "month"))`);
    await queryRunner.query(`CREATE TABLE "award_fulfilment" ("award_id" uuid NOT NULL, "market_id" uuid NOT NULL, "validated_hours" numeric(12,2) NOT NULL, CONSTRAINT "PK_9b09975155f1611fe6e9b993653" PRIMARY KEY ("award_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_award_fulfilment_market" ON "award_fulfilment"  ("market_id") `);
    await queryRunner.query(`CREATE TABLE "participant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "structure_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ref" text NOT NULL, "last_name" text, "first_name" text, "birth_date" date NOT NULL, "gender" text NOT NULL, "postcode" text, "qpv_resident" boolean NOT NULL DEFAULT false, "qualification_level" text, "publics" text array NOT NULL, "other_public_reason" text, "prescriber" text, "eligibility_validated_on" date, CONSTRAINT "PK_64da4237f502041781ca15d4c41" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_participant_structure_ref" ON "participant"  ("structure_id", "ref") `);
    await queryRunner.query(`CREATE TABLE "work_contract" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "structure_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ref" text NOT NULL, "participant_id" uuid NOT NULL, "employer_id" uuid NOT NULL, "market_id" uuid NOT NULL, "kind" text NOT NULL, "mode" text NOT NULL, "job_title" text, "start_date" date NOT NULL, "end_date" date, CONSTRAINT "PK_583a4f9d3be0e47b41c8d76ee3e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_work_contract_participant" ON "work_contract"  ("participant_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_work_contract_employer" ON "work_contract"  ("employer_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_work_contract_market" ON "work_contract"  ("market_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_work_contract_structure_ref" ON "work_contract"  ("structure_id", "ref") `);
    await queryRunner.query(`CREATE TABLE "hours_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "structure_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "work_contract_id" uuid NOT NULL, "month" date NOT NULL, "hours_worked" numeric(6,2) NOT NULL, "training_hours" numeric(6,2) NOT NULL DEFAULT '0', "status" text NOT NULL, "rejection_reason" text, "declared_by" uuid, "validated_by" uuid, "validated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_02d11c81d0457756eec3833e832" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_hours_entry_structure_status" ON "hours_entry"  ("structure_id", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_hours_entry_contract_month" ON "hours_entry"  ("work_contract_id", "month") `);
    await queryRunner.query(`CREATE TABLE "audit_entry" ("id" BIGSERIAL NOT NULL, "structure_id" uuid NOT NULL, "entity" text NOT NULL, "entity_id" uuid NOT NULL, "action" text NOT NULL, "actor_id" uuid, "actor" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "changes" jsonb NOT NULL, CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_entry_entity" ON "audit_entry"  ("entity", "entity_id", "id") `);
    await queryRunner.query(`CREATE TABLE "idempotency_key" ("user_id" uuid NOT NULL, "key" text NOT NULL, "method" text NOT NULL, "path" text NOT NULL, "request_hash" text NOT NULL, "status_code" integer, "body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_de390066dce788f80744a8f6626" PRIMARY KEY ("user_id", "key"))`);
    await queryRunner.query(`ALTER TABLE "company" ADD CONSTRAINT "FK_70e5e00190586ad96acc1745ba6" FOREIGN KEY ("structure_id") REFERENCES "structure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "buyer" ADD CONSTRAINT "FK_714eb641e12927010f80a812dbd" FOREIGN KEY ("structure_id") REFERENCES "structure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "operation" ADD CONSTRAINT "FK_461ea256831fc21d40c9cd7e9f0" FOREIGN KEY ("structure_id") REFERENCES "structure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "operation" ADD CONSTRAINT "FK_8d1a6e28da84aa602187afea5a9" FOREIGN KEY ("buyer_id") REFERENCES "buyer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "market" ADD CONSTRAINT "FK_e4b975ba6aa8eeb7e5d3222e4c0" FOREIGN KEY ("structure_id") REFERENCES "structure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "market" ADD CONSTRAINT "FK_7197b6fdba389c51b89c1cabf6d" FOREIGN KEY ("buyer_id") REFERENCES "buyer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "market" ADD CONSTRAINT "FK_582ee31129a046d942a3af2af11" FOREIGN KEY ("operation_id") REFERENCES "operation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "market" ADD CONSTRAINT "FK_0847247a5cba9fba98c5edf1671" FOREIGN KEY ("parent_market_id") REFERENCES "market"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "award" ADD CONSTRAINT "FK_72092de9442d9480bd5c5cd9fd4" FOREIGN KEY ("market_id") REFERENCES "market"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "award" ADD CONSTRAINT "FK_bf0aafd240ef20dd8b311d32916" FOREIGN KEY ("company_id") REFERENCES "company"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "market_fulfilment" ADD CONSTRAINT "FK_7093a44503965f3742ec84198ee" FOREIGN KEY ("market_id") REFERENCES "market"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "market_fulfilment_month" ADD CONSTRAINT "FK_00a9608399e006da22d4bcc613c" FOREIGN KEY ("market_id") REFERENCES "market"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "participant" ADD CONSTRAINT "FK_4d90a70d770d2c32855c200b0bc" FOREIGN KEY ("structure_id") REFERENCES "structure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "work_contract" ADD CONSTRAINT "FK_5fb33f0c743160daca832575929" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "work_contract" ADD CONSTRAINT "FK_0b1d088c4e5ee1f540c4c17a97b" FOREIGN KEY ("employer_id") REFERENCES "company"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "work_contract" ADD CONSTRAINT "FK_c63340e6e9e16516d6edc6190d1" FOREIGN KEY ("market_id") REFERENCES "market"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "hours_entry" ADD CONSTRAINT "FK_8d083625c7e41aef907feca8054" FOREIGN KEY ("work_contract_id") REFERENCES "work_contract"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // The audit trail's diff: every field whose value changed, as {field: {old, new}} (a whole record on create/delete).
    await queryRunner.query(`CREATE FUNCTION audit_changes(old_row jsonb, new_row jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
      SELECT coalesce(jsonb_object_agg(key, jsonb_build_object('old', coalesce(old_row -> key, 'null'), 'new', coalesce(new_row -> key, 'null'))), '{}'::jsonb)
        FROM jsonb_object_keys(coalesce(old_row, '{}') || coalesce(new_row, '{}')) AS key
       WHERE key NOT IN ('id', 'structure_id', 'created_at', 'updated_at')
         AND coalesce(old_row -> key, 'null') IS DISTINCT FROM coalesce(new_row -> key, 'null')
    $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION audit_changes(jsonb, jsonb)`);
    await queryRunner.query(`ALTER TABLE "hours_entry" DROP CONSTRAINT "FK_8d083625c7e41aef907feca8054"`);
    await queryRunner.query(`ALTER TABLE "work_contract" DROP CONSTRAINT "FK_c63340e6e9e16516d6edc6190d1"`);
    await queryRunner.query(`ALTER TABLE "work_contract" DROP CONSTRAINT "FK_0b1d088c4e5ee1f540c4c17a97b"`);
    await queryRunner.query(`ALTER TABLE "work_contract" DROP CONSTRAINT "FK_5fb33f0c743160daca832575929"`);
    await queryRunner.query(`ALTER TABLE "participant" DROP CONSTRAINT "FK_4d90a70d770d2c32855c200b0bc"`);
    await queryRunner.query(`ALTER TABLE "market_fulfilment_month" DROP CONSTRAINT "FK_00a9608399e006da22d4bcc613c"`);
    await queryRunner.query(`ALTER TABLE "market_fulfilment" DROP CONSTRAINT "FK_7093a44503965f3742ec84198ee"`);
    await queryRunner.query(`ALTER TABLE "award" DROP CONSTRAINT "FK_bf0aafd240ef20dd8b311d32916"`);
    await queryRunner.query(`ALTER TABLE "award" DROP CONSTRAINT "FK_72092de9442d9480bd5c5cd9fd4"`);
    await queryRunner.query(`ALTER TABLE "market" DROP CONSTRAINT "FK_0847247a5cba9fba98c5edf1671"`);
    await queryRunner.query(`ALTER TABLE "market" DROP CONSTRAINT "FK_582ee31129a046d942a3af2af11"`);
    await queryRunner.query(`ALTER TABLE "market" DROP CONSTRAINT "FK_7197b6fdba389c51b89c1cabf6d"`);
    await queryRunner.query(`ALTER TABLE "market" DROP CONSTRAINT "FK_e4b975ba6aa8eeb7e5d3222e4c0"`);
    await queryRunner.query(`ALTER TABLE "operation" DROP CONSTRAINT "FK_8d1a6e28da84aa602187afea5a9"`);
    await queryRunner.query(`ALTER TABLE "operation" DROP CONSTRAINT "FK_461ea256831fc21d40c9cd7e9f0"`);
    await queryRunner.query(`ALTER TABLE "buyer" DROP CONSTRAINT "FK_714eb641e12927010f80a812dbd"`);
    await queryRunner.query(`ALTER TABLE "company" DROP CONSTRAINT "FK_70e5e00190586ad96acc1745ba6"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_entry_entity"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_hours_entry_contract_month"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_hours_entry_structure_status"`);
    await queryRunner.query(`DROP TABLE "hours_entry"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_work_contract_structure_ref"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_work_contract_market"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_work_contract_employer"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_work_contract_participant"`);
    await queryRunner.query(`DROP TABLE "work_contract"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_participant_structure_ref"`);
    await queryRunner.query(`DROP TABLE "participant"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_award_fulfilment_market"`);
    await queryRunner.query(`DROP TABLE "award_fulfilment"`);
    await queryRunner.query(`DROP TABLE "market_fulfilment_month"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_market_fulfilment_structure"`);
    await queryRunner.query(`DROP TABLE "market_fulfilment"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_award_market_company"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_award_company"`);
    await queryRunner.query(`DROP TABLE "award"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_market_structure_ref"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_market_parent"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_market_operation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_market_buyer"`);
    await queryRunner.query(`DROP TABLE "market"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_operation_structure_ref"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_operation_buyer"`);
    await queryRunner.query(`DROP TABLE "operation"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_buyer_structure_ref"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_buyer_siret"`);
    await queryRunner.query(`DROP TABLE "buyer"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_company_structure_siret"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_company_siret"`);
    await queryRunner.query(`DROP TABLE "company"`);
  }
}
