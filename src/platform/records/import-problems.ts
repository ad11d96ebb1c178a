import { RecordDefinition } from './record-definition';
import { checksSql } from './record-sql';
import { LineProblem } from './record-store';

/** Problems listed in an answer: past them a file is to be fixed as a whole, and the answer stays small. */
export const MAX_LISTED_PROBLEMS = 1000;

/** A query's rows: the transaction's manager and a connection of its own answer the same way. */
export type RunSql = (sql: string, parameters?: unknown[]) => Promise<unknown[]>;

/** The problems of an import, in the order found: the first MAX_LISTED_PROBLEMS kept, the others only counted. */
export class ProblemList {
  readonly listed: LineProblem[] = [];
  count = 0;

  add(...problems: LineProblem[]): void {
    for (const problem of problems) {
      this.count += 1;
      if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
    }
  }

  /** Adds what the checks against the database find in the staged rows `staging` (the first MAX_LISTED_PROBLEMS, the others counted). */
  async addChecked(run: RunSql, definition: RecordDefinition, staging: string): Promise<void> {
    // Statistics let PostgreSQL plan the checks as the set operations they are.
    await run(`ANALYZE ${staging}`);
    const checked = (await run(`SELECT *, count(*) OVER ()::int AS total FROM (${checksSql(definition, staging)}) problems ORDER BY 1, 2 LIMIT ${MAX_LISTED_PROBLEMS}`)) as (LineProblem & {
      total: number;
    })[];
    this.add(...checked.map(({ total: _total, ...problem }) => problem));
    this.count += Math.max(0, (checked[0]?.total ?? 0) - checked.length);
  }

  refusal(): Refused {
    const sorted = [...this.listed].sort((a, b) => a.line - b.line || a.column.localeCompare(b.column));
    return new Refused(sorted, this.count > sorted.length ? this.count : undefined);
  }
}

/** What an import answers when it writes nothing: its problems. */
export class Refused extends Error {
  constructor(
    readonly errors: LineProblem[],
    readonly errorCount?: number,
  ) {
    super('import refused');
  }

  get outcome(): { errors: LineProblem[]; errorCount?: number } {
    return this.errorCount === undefined ? { errors: this.errors } : { errors: this.errors, errorCount: this.errorCount };
  }
}
