/** The kinds of `IMPORT-FORMATS.md`, in their order of import (each refers only to kinds before it). */
export const IMPORT_KINDS = ['structures', 'buyers', 'operations', 'markets', 'companies', 'awards', 'participants', 'work_contracts', 'hours', 'plie_pathways', 'plie_steps', 'plie_annual_data'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * One example line per kind, in the order of its columns, for the template files the web application offers. Each
 * names the examples before it, so that the templates imported in order into an empty structure are all accepted.
 */
export const IMPORT_EXAMPLES: Record<ImportKind, string[]> = {
  structures: ['PLIE-EXEMPLE', 'PLIE de l’exemple', 'PLIE', 'Auvergne-Rhône-Alpes'],
  buyers: ['VILLE-EX', 'Ville de Vénissieux', 'MUNICIPALITY', '21690259000126'],
  operations: ['OP-EX', 'VILLE-EX', 'Renouvellement urbain du centre', 'oui', 'oui', '01/01/2017', '31/12/2019'],
  markets: ['M-EX-001', 'VILLE-EX', 'OP-EX', 'Réhabilitation du groupe scolaire', 'EXECUTION_CONDITION', 'BUILDING', '1200000', '40', '5', '30', '', 'oui', '15/01/2017', '31/12/2017'],
  companies: ['51234567000214', 'TP Sud Lyon', 'ORDINARY', '4211Z', '200-999'],
  awards: ['M-EX-001', '51234567000214', 'HOLDER', '', ''],
  participants: ['P-EX-001', 'Moreau', 'Inès', '07/09/1972', 'F', '69200', 'oui', 'IV', 'QPV_RESIDENT|LONG_TERM_UNEMPLOYED', '', 'FRANCE_TRAVAIL', '15/02/2017'],
  work_contracts: ['CT-EX-001', 'P-EX-001', '51234567000214', 'M-EX-001', 'CDD', 'DIRECT_HIRE', 'Maçon', '01/03/2017', '31/08/2017'],
  hours: ['CT-EX-001', '2017-03', '151,67', '7'],
  // An open pathway: its exit's details stay empty.
  plie_pathways: ['P-EX-001', '01/02/2017', '', '', 'oui', 'oui', 'non', 'non', '1_TO_2_YEARS', '', '', '', '', '', '', '', '', '', ''],
  plie_steps: ['P-EX-001', 'PATHWAY_JOB_IAE', '01/03/2017', '31/08/2017', 'non', 'ACI'],
  plie_annual_data: ['2017', 'FINANCING', 'axis_3.state', 'direct', '45000'],
};
