export enum Role {
  Admin = 'ADMIN',
  National = 'NATIONAL',
  Facilitator = 'FACILITATOR',
  Buyer = 'BUYER',
  Company = 'COMPANY',
}

export const ROLES = Object.values(Role);

/** How a French user reads each role. */
export const ROLE_LABELS: Record<Role, string> = {
  [Role.Admin]: 'Administrateur',
  [Role.National]: 'Tête de réseau',
  [Role.Facilitator]: 'Facilitateur',
  [Role.Buyer]: 'Acheteur public',
  [Role.Company]: 'Entreprise attributaire',
};
