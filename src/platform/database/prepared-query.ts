import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { EntityManager, QueryFailedError } from 'typeorm';

const names = new Map<string, string>();

/** The statement's name: a digest of its text, computed once per text (the texts are a fixed set). */
function nameOf(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `p_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    names.set(sql, name);
  }
  return name;
}

/**
 * Runs a statement as a named prepared statement on the connection: PostgreSQL parses it once per connection and,
 * after a few runs, reuses its plan. The record statements are long (checks, merge with audit) and were planned on
 * every API write, which was most of a write's database time. Errors are those of `manager.query`.
 */
export async function preparedQuery<T>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  const owned = !manager.queryRunner;
  try {
    const client = (await runner.connect()) as PoolClient;
    const result = await client.query<T & object>({ name: nameOf(sql), text: sql, values: parameters });
    return result.rows;
  } catch (error) {
    throw error instanceof QueryFailedError ? error : new QueryFailedError(sql, parameters, error as Error);
  } finally {
    if (owned) await runner.release();
  }
}
