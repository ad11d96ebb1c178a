/** The kinds of `IMPORT-FORMATS.md`, in their order of import (each refers only to kinds before it). */
export const IMPORT_KINDS = ['structures', 'buyers', 'operations', 'markets', 'companies', 'awards', 'participants', 'work_contracts', 'hours', 'plie_pathways', 'plie_steps'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
