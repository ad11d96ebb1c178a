export const AWARD_ROLES = ['HOLDER', 'CO_CONTRACTOR', 'SUBCONTRACTOR'] as const;
