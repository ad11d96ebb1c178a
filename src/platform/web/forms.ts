import { FieldProblem, InvalidError } from '../http/domain-errors';
import { PageQuery } from '../http/pagination';
import { validateAs } from '../http/validation.pipe';
import { apiName, RecordDefinition } from '../records/record-definition';

/** A submitted form: each name with its value, or its values when it is repeated (checkboxes). */
export type FormValues = Record<string, string | string[]>;

export function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A record form as the API body the same write takes: fields under their API names; an empty field is left out of a
 * creation and cleared by a change (`null`), as a JSON client would say it.
 */
export function recordBody(definition: RecordDefinition, form: FormValues, options: { change: boolean; omit?: string[] }): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [column, spec] of Object.entries(definition.fields)) {
    if (options.omit?.includes(column)) continue;
    const name = apiName(column);
    const given = form[name];
    const value = spec.control === 'choices' ? (given === undefined ? [] : Array.isArray(given) ? given : [given]) : single(given)?.trim();
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (!empty) body[name] = value;
    else if (options.change) body[name] = null;
  }
  return body;
}

/**
 * Runs a form's write: the body first through the API's DTO (the same validation layer), then the service. A refusal
 * for the user's values comes back as the problems to show next to their fields; anything else goes on as an error.
 */
export async function submit<T>(dto: new () => object, body: object, write: (checked: object) => Promise<T>): Promise<{ done: T } | { problems: FieldProblem[] }> {
  try {
    return { done: await write(await validateAs(dto, body)) };
  } catch (error) {
    if (error instanceof InvalidError) return { problems: error.problems };
    throw error;
  }
}

/** A list page's `page` parameter, checked as the API checks it (a bad one is a 400 naming `page`), with its page size. */
export function pageQueryOf(asked: unknown, pageSize: number): Promise<PageQuery> {
  return validateAs(PageQuery, { page: typeof asked === 'string' && asked !== '' ? asked : undefined, pageSize: String(pageSize) });
}
