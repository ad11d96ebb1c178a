import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from '../http/domain-errors';
import { AuthenticatedRequest, PUBLIC_KEY, ROLES_KEY } from './access.decorators';
import { Principal } from './principal';
import { Role, ROLES } from './roles';

export interface AccessTokenClaims {
  sub: string;
  email: string;
  role: Role;
  structureId: string | null;
  siret: string | null;
}

/** How many verified tokens are remembered: far more than the sessions open at once. */
const VERIFIED_TOKENS = 10_000;

/** Checks the bearer token, then the roles the route declares. Runs on every route (global guard). */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Tokens whose signature was already checked, with their principal and expiry: a session sends the same token with
   * every request, and checking its signature again cost ≈ 0.1 ms of CPU each time. Oldest forgotten first.
   */
  private readonly verified = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    request.principal = await this.authenticate(request.headers.authorization);
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!allowed.includes(request.principal.role)) throw new ForbiddenError();
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Principal> {
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new UnauthenticatedError();
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.principal;
    this.verified.delete(token);
    let claims: AccessTokenClaims & { exp: number };
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims & { exp: number }>(token);
    } catch {
      throw new UnauthenticatedError('Jeton invalide ou expiré : reconnectez-vous');
    }
    if (!ROLES.includes(claims.role)) throw new UnauthenticatedError('Jeton invalide ou expiré : reconnectez-vous');
    // Shared by every request with this token: frozen, so that no request can change another's principal.
    const principal: Principal = Object.freeze({
      userId: claims.sub,
      email: claims.email,
      role: claims.role,
      structureId: claims.structureId,
      siret: claims.siret,
    });
    if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { principal, expiresAt: claims.exp * 1000 });
    return principal;
  }
}
