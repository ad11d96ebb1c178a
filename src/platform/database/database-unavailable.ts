/** Node's errors for a server that cannot be reached or that dropped the connection. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL's states for a server going away or not taking sessions: connection exceptions (class 08), shut down
 * by an administrator or a crash, starting up, out of connections.
 */
const SERVER_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What node-postgres says when the socket closes or the pool cannot connect in time. */
const DRIVER_MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/, /Client has encountered a connection error/];

/**
 * Whether an error means the database is out of reach rather than a statement failed: an outage is answered as
 * one (503, try again), never as an internal error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 4; depth += 1) {
    const code = typeof current.code === 'string' ? current.code : '';
    if (NETWORK_CODES.has(code) || SERVER_STATES.has(code) || code.startsWith('08')) return true;
    if (typeof current.message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(current!.message as string))) return true;
    current = (current.driverError ?? current.cause) as typeof current;
  }
  return false;
}
