import { apiName, RecordDefinition, RowProblem, RowValues } from './record-definition';

/**
 * Reads one record's raw values (CSV cells or JSON values, keyed by column) through the field parsers, then the
 * definition's row rules. Pure: the import runs it on every line, the API on every body.
 */
export function readRow(definition: RecordDefinition, raw: Record<string, unknown>): { row: RowValues; problems: RowProblem[] } {
  const row: RowValues = {};
  const problems: RowProblem[] = [];
  for (const [column, spec] of Object.entries(definition.fields)) {
    const parsed = spec.parse(raw[column]);
    if ('error' in parsed) problems.push({ column, message: parsed.error });
    else row[column] = parsed.value;
  }
  // Rules that combine fields only make sense once every field reads well.
  if (problems.length > 0) return { row, problems };
  return definition.normalise(row);
}

/** The raw values of an API body, keyed by column: `buyerRef` answers for `buyer_ref`. */
export function rawFromBody(definition: RecordDefinition, body: object): Record<string, unknown> {
  const values = body as Record<string, unknown>;
  return Object.fromEntries(Object.keys(definition.fields).map((column) => [column, values[apiName(column)]]));
}
