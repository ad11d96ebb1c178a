import { MigrationInterface, QueryRunner } from 'typeorm';

/** A statement that inserts outbox events announces them on `outbox_event`, delivered when its transaction commits. */
export class OutboxNotify1796150000000 implements MigrationInterface {
  name = 'OutboxNotify1796150000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- One notification per statement that inserted events (a write with none stays silent); PostgreSQL folds
        -- the same notification repeated in one transaction into one.
        IF EXISTS (SELECT 1 FROM inserted) THEN PERFORM pg_notify('outbox_event', ''); END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER outbox_event_notify ON outbox_event`);
    await queryRunner.query(`DROP FUNCTION outbox_event_notify()`);
  }
}
