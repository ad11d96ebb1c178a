/**
 * What the logs keep of requests and errors: enough to find and understand a problem, never the personal data that
 * travels in them (a participant's name in a search, the values of a failed statement).
 */

/** A request's path, with the names of its query parameters but not their values (`/participants?q=&page=`). */
export function loggedUrl(url: string): string {
  const [path, query] = url.split('?', 2);
  if (query === undefined) return path!;
  const names = query.split('&').map((pair) => pair.split('=', 1)[0]);
  return `${path}?${names.map((name) => `${name}=`).join('&')}`;
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
  code?: unknown;
  driverError?: unknown;
  [key: string]: unknown;
}

/** What PostgreSQL says about a failed statement that names no value: its code and the objects involved. */
const DATABASE_FIELDS = ['code', 'routine', 'table', 'column', 'constraint', 'schema'] as const;

/**
 * An error as logged. A database error (node-postgres's, or TypeORM's wrapping it) keeps its class, SQLSTATE, the
 * objects it names and the stack frames, but not its message, detail, statement parameters or query: those carry the
 * row's values (« invalid input syntax … "Dupont" », « Key (ref)=(P-12) already exists »).
 */
export function loggedError(error: unknown): Record<string, unknown> {
  if (!error || typeof error !== 'object') return { message: String(error) };
  const value = error as ErrorLike;
  const driver = (value.driverError && typeof value.driverError === 'object' ? value.driverError : value) as ErrorLike;
  const fromDatabase = typeof driver.routine === 'string' || 'parameters' in value || 'driverError' in value;
  const name = typeof value.name === 'string' ? value.name : 'Error';
  if (!fromDatabase) return { type: name, message: value.message, code: value.code, stack: value.stack };
  const frames = typeof value.stack === 'string' ? value.stack.split('\n').filter((line) => line.trimStart().startsWith('at ')).join('\n') : undefined;
  return {
    type: name,
    ...Object.fromEntries(DATABASE_FIELDS.filter((field) => driver[field] !== undefined).map((field) => [field, driver[field]])),
    stack: frames,
  };
}

/** What an error says, whatever was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
