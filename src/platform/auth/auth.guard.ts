import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
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

/** Checks the bearer token, then the roles the route declares. Runs on every route (global guard). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    request.principal = await this.authenticate(request.headers.authorization);
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!allowed.includes(request.principal.role)) throw new ForbiddenError();
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Principal> {
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new UnauthenticatedError();
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      throw new UnauthenticatedError('Jeton invalide ou expiré : reconnectez-vous');
    }
    if (!ROLES.includes(claims.role)) throw new UnauthenticatedError('Jeton invalide ou expiré : reconnectez-vous');
    return {
      userId: claims.sub,
      email: claims.email,
      role: claims.role,
      structureId: claims.structureId,
      siret: claims.siret,
    };
  }
}
