import { applyDecorators, createParamDecorator, ExecutionContext, Header, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../http/domain-errors';
import { Principal } from '../auth/principal';

export const WEB_PAGE_KEY = 'access:web-page';

/**
 * A route of the web application: authenticated by its session cookie (not a bearer token), its forms checked for
 * their CSRF token, answered in HTML, and its errors shown as pages. Declares its roles with @Roles or @Public.
 */
export const WebPage = () => applyDecorators(SetMetadata(WEB_PAGE_KEY, true), Header('Content-Type', 'text/html; charset=utf-8'));

/** What a page needs to know of its request: who is there, the token its forms carry, where it is. */
export interface PageContext {
  principal: Principal;
  csrfToken: string;
  path: string;
  /** The password was chosen by an administrator: the page that replaces it says why it comes first. */
  mustChangePassword: boolean;
  /** The bell's count in the header. */
  unreadNotifications: number;
}

/** What the guard leaves on a web page's request. */
export type WebRequest = FastifyRequest & { webPage?: boolean; page?: PageContext };

export const CurrentPage = createParamDecorator((_data: unknown, context: ExecutionContext): PageContext => {
  const page = context.switchToHttp().getRequest<WebRequest>().page;
  if (!page) throw new Error('CurrentPage used outside a signed-in web page');
  return page;
});

/** A web page asked without an open session: the browser is sent to the login page. */
export class LoginRequiredError extends DomainError {
  readonly code = 'LOGIN_REQUIRED';
  constructor(readonly returnTo: string) {
    super('Connectez-vous pour continuer');
  }
}

/** The address of the page where one chooses a new password (the only one open while one must). */
export const PASSWORD_PAGE = '/compte/mot-de-passe';

/** A session whose password is temporary asked for another page: the browser is sent to choose a new password. */
export class PasswordChangeRequiredError extends DomainError {
  readonly code = 'PASSWORD_CHANGE_REQUIRED';
  constructor() {
    super('Choisissez un nouveau mot de passe pour continuer');
  }
}

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return decodeURIComponent(part.slice(separator + 1).trim());
  }
  return undefined;
}

/** Secure when the browser reached us over HTTPS (directly or through a proxy that says so). */
export function cookie(request: FastifyRequest, name: string, value: string, maxAgeSeconds?: number): string {
  const secure = request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https';
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
    ...(maxAgeSeconds !== undefined ? [`Max-Age=${maxAgeSeconds}`] : []),
  ].join('; ');
}

/** A path of this site to go back to after logging in: never another site (`//host`, `/\host`). */
export function localPath(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : undefined;
}
