export enum Role {
  Admin = 'ADMIN',
  National = 'NATIONAL',
  Facilitator = 'FACILITATOR',
  Buyer = 'BUYER',
  Company = 'COMPANY',
}

export const ROLES = Object.values(Role);
