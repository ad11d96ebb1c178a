export const COMPANY_KINDS = ['ORDINARY', 'EI', 'ACI', 'AI', 'ETTI', 'GEIQ', 'EA', 'ESAT', 'ETT'] as const;
export const SIZE_BANDS = ['0', '1-9', '10-49', '50-199', '200-999', '1000+'] as const;

/** Insertion (SIAE, GEIQ) and disability-sector (EA, ESAT) structures: those with which hours can be agreed. */
export const INSERTION_KINDS = ['EI', 'ACI', 'AI', 'ETTI', 'GEIQ', 'EA', 'ESAT'] as const;

/** Those that employ workers and make them available to the holder of a market. */
export const PROVIDER_KINDS = ['AI', 'ETTI', 'GEIQ', 'ETT'] as const;
