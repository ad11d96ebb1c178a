import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import { AppConfig } from '../../platform/config/app-config';

const MINUTE = 60_000;

const addressOf = (request: Record<string, unknown>) => String(request.ip);

/**
 * Login attempts are counted twice, per minute: per client address and e-mail (LOGIN_RATE_LIMIT), so one person
 * cannot lock out a whole office behind one address; and per address across e-mails (LOGIN_ADDRESS_RATE_LIMIT), so
 * nobody tries one password on many accounts.
 */
export function loginThrottlers(config: AppConfig): ThrottlerModuleOptions {
  return [
    {
      name: 'address-and-email',
      ttl: MINUTE,
      limit: config.LOGIN_RATE_LIMIT,
      getTracker: (request: Record<string, unknown>) => {
        const body = request.body as { email?: unknown } | undefined;
        return `${addressOf(request)}|${typeof body?.email === 'string' ? body.email.trim().toLowerCase() : ''}`;
      },
    },
    { name: 'address', ttl: MINUTE, limit: config.LOGIN_ADDRESS_RATE_LIMIT, getTracker: addressOf },
  ];
}
