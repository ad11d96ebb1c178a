import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ForbiddenError, UnauthenticatedError } from '../http/domain-errors';
import { LoginRequiredError, PASSWORD_PAGE, PasswordChangeRequiredError, readCookie, WEB_PAGE_KEY, WebRequest } from '../web/web-request';
import { sameSecret, SESSION_COOKIE, WebSessions } from '../web/web-sessions';
import { AuthenticatedRequest, PUBLIC_KEY, ROLES_KEY } from './access.decorators';
import { AccountStates } from './account-states';
import { Principal } from './principal';
import { Role, ROLES } from './roles';

export interface AccessTokenClaims {
  sub: string;
  email: string;
  role: Role;
  structureId: string | null;
  siret: string | null;
  /** The account's token version when the token was issued: a later version (new password, deactivation) ends it. */
  tv: number;
}

/** The one algorithm tokens are signed and checked with: a token signed any other way is refused. */
export const TOKEN_ALGORITHM = 'HS256';

/** How many verified tokens are remembered: far more than the sessions open at once. */
const VERIFIED_TOKENS = 10_000;

const INVALID_TOKEN = 'Jeton invalide ou expiré : reconnectez-vous';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Checks who is calling — the bearer token on the API, the session cookie (and, on a form, its CSRF token) on a web
 * page — then the roles the route declares. Runs on every route (global guard).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Tokens whose signature was already checked, with their principal and expiry: a session sends the same token with
   * every request, and checking its signature again cost ≈ 0.1 ms of CPU each time. Oldest forgotten first.
   */
  private readonly verified = new Map<string, { principal: Principal; expiresAt: number; tokenVersion: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly accounts: AccountStates,
    private readonly sessions: WebSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<WebRequest & AuthenticatedRequest>();
    const webPage = this.reflector.getAllAndOverride<boolean>(WEB_PAGE_KEY, targets) ?? false;
    // Marked first, so that even a refusal below is answered as a page.
    request.webPage = webPage;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const principal = webPage ? await this.openPage(request) : await this.authenticate(request.headers.authorization);
    request.principal = principal;
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!allowed.includes(principal.role)) throw new ForbiddenError();
    return true;
  }

  /** A web page's session; a form (any write) must carry the session's CSRF token. */
  private async openPage(request: WebRequest): Promise<Principal> {
    const session = await this.sessions.find(readCookie(request, SESSION_COOKIE));
    if (!session) throw new LoginRequiredError(SAFE_METHODS.has(request.method) ? request.url : '/');
    if (!SAFE_METHODS.has(request.method)) {
      const body = request.body as Record<string, unknown> | undefined;
      // A form sends it as a field; htmx as a header; a file upload (not read before the handler) in its address.
      const given = request.headers['x-csrf-token'] ?? body?._csrf ?? (request.query as Record<string, unknown>)._csrf;
      if (!sameSecret(given, session.csrfToken)) throw new ForbiddenError('Formulaire expiré ou envoyé depuis un autre site : rechargez la page puis recommencez');
    }
    const path = request.url.split('?')[0]!;
    request.page = { principal: session.principal, csrfToken: session.csrfToken, path, mustChangePassword: session.mustChangePassword, unreadNotifications: session.unreadNotifications };
    // A temporary password (chosen by an administrator) opens nothing but the page that replaces it, and logging out.
    if (session.mustChangePassword && path !== PASSWORD_PAGE && path !== '/deconnexion') throw new PasswordChangeRequiredError();
    return session.principal;
  }

  private async authenticate(header: string | undefined): Promise<Principal> {
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new UnauthenticatedError();
    const session = await this.verify(token);
    if ((await this.accounts.tokenVersion(session.principal.userId)) !== session.tokenVersion) {
      throw new UnauthenticatedError('Session terminée (mot de passe changé ou compte désactivé) : reconnectez-vous');
    }
    return session.principal;
  }

  /** The token's principal and version, its signature, algorithm and expiry checked (once per token). */
  private async verify(token: string): Promise<{ principal: Principal; tokenVersion: number }> {
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known;
    this.verified.delete(token);
    let claims: AccessTokenClaims & { exp?: unknown };
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims & { exp?: unknown }>(token, { algorithms: [TOKEN_ALGORITHM] });
    } catch {
      throw new UnauthenticatedError(INVALID_TOKEN);
    }
    // A token must end: one without an expiry, or without the account's version, was not issued here.
    if (typeof claims.exp !== 'number' || typeof claims.tv !== 'number' || !ROLES.includes(claims.role)) throw new UnauthenticatedError(INVALID_TOKEN);
    // Shared by every request with this token: frozen, so that no request can change another's principal.
    const principal: Principal = Object.freeze({
      userId: claims.sub,
      email: claims.email,
      role: claims.role,
      structureId: claims.structureId,
      siret: claims.siret,
    });
    const session = { principal, expiresAt: claims.exp * 1000, tokenVersion: claims.tv };
    if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, session);
    return session;
  }
}
