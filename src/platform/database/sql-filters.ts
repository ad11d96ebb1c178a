/**
 * Builds a WHERE clause and its parameters together: conditions are written with `?` for each value and numbered
 * here, so a filter can never be concatenated into SQL.
 */
export class SqlFilters {
  readonly conditions: string[] = [];

  constructor(readonly params: unknown[] = []) {}

  add(condition: string, ...values: unknown[]): this {
    let numbered = condition;
    for (const value of values) {
      this.params.push(value);
      numbered = numbered.replace('?', `$${this.params.length}`);
    }
    this.conditions.push(numbered);
    return this;
  }

  /** Adds the condition only when the filter was given. */
  when(value: unknown, condition: string, ...values: unknown[]): this {
    return value === undefined || value === null || value === '' ? this : this.add(condition, ...(values.length > 0 ? values : [value]));
  }

  /** The next parameter's placeholder, for SQL written around the filters (LIMIT, OFFSET). */
  next(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get where(): string {
    return this.conditions.length > 0 ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/**
 * The condition that `expression` contains the searched text (a `%text%` pattern, see `containing`), regardless of
 * case and accents: « communaute » finds « Communauté ».
 */
export function searchCondition(expression: string, pattern: string): string {
  return `unaccent(${expression}) ILIKE unaccent(${pattern})`;
}

/** `%text%` for ILIKE, the user's wildcards escaped. */
export function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
