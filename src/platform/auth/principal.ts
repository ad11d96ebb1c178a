import { Role } from './roles';

/** Who is calling, as carried by the access token. */
export interface Principal {
  userId: string;
  email: string;
  role: Role;
  structureId: string | null;
  siret: string | null;
}

/**
 * What a caller may see. Repositories take a scope and add it to every query, so that no read or write can
 * forget the tenant: `all` for national staff and administrators, one structure for a facilitator, the
 * organisation's SIRET for a buyer or a company.
 */
export type AccessScope =
  | { kind: 'all' }
  | { kind: 'structure'; structureId: string }
  | { kind: 'buyer'; siret: string }
  | { kind: 'company'; siret: string };

export function scopeOf(principal: Principal): AccessScope {
  switch (principal.role) {
    case Role.Admin:
    case Role.National:
      return { kind: 'all' };
    case Role.Facilitator:
      return { kind: 'structure', structureId: requireAttachment(principal.structureId, principal) };
    case Role.Buyer:
      return { kind: 'buyer', siret: requireAttachment(principal.siret, principal) };
    case Role.Company:
      return { kind: 'company', siret: requireAttachment(principal.siret, principal) };
  }
}

function requireAttachment(value: string | null, principal: Principal): string {
  // The database forbids such an account; a token without its attachment is never trusted with a wider scope.
  if (!value) throw new Error(`account ${principal.userId} (${principal.role}) has no attachment`);
  return value;
}
