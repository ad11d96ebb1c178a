import { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/entities';
import { MIGRATIONS } from '../../src/migrations';
import { dataSourceOptions, runMigrations } from '../../src/platform/database/data-source';
import { createTestDatabase, TestDatabase } from '../support/database';

describe('migrations', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('leave nothing for TypeORM to generate: entities and migrations do not drift apart', async () => {
    const dataSource = await new DataSource(dataSourceOptions(database.url, ENTITIES, MIGRATIONS)).initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('apply once: a second run finds nothing to do', async () => {
    expect(await runMigrations(database.url, ENTITIES, MIGRATIONS)).toEqual([]);
  });

  it('revert cleanly down to an empty schema', async () => {
    const dataSource = await new DataSource(dataSourceOptions(database.url, ENTITIES, MIGRATIONS)).initialize();
    try {
      for (let step = 0; step < MIGRATIONS.length; step += 1) await dataSource.undoLastMigration();
      const tables: { table_name: string }[] = await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migration'`,
      );
      expect(tables).toEqual([]);
      await dataSource.runMigrations();
    } finally {
      await dataSource.destroy();
    }
  });
});
