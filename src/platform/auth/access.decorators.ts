import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal, scopeOf, AccessScope } from './principal';
import { Role } from './roles';

export const ROLES_KEY = 'access:roles';
export const PUBLIC_KEY = 'access:public';

/** The roles that may call a route (or every route of a controller). Every route declares this or @Public. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call, without a token. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export type AuthenticatedRequest = { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});

export const CurrentScope = createParamDecorator((_data: unknown, context: ExecutionContext): AccessScope => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentScope used on a public route');
  return scopeOf(principal);
});
