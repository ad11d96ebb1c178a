import { RowProblem, RowValues } from './record-definition';

/** `end` not before `start` (ISO dates compare as text). Either may be empty. */
export function periodProblems(row: RowValues, start = 'start_date', end = 'end_date'): RowProblem[] {
  const from = row[start];
  const to = row[end];
  return from && to && to < from ? [{ column: end, message: `ne doit pas précéder ${start} (${from})` }] : [];
}

/** An optional boolean left empty takes its documented default. */
export function withDefault(row: RowValues, column: string, value: string): void {
  row[column] ??= value;
}
