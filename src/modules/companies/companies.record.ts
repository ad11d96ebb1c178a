import { enumeration, siret, text } from '../../platform/records/fields';
import { RecordDefinition } from '../../platform/records/record-definition';
import { COMPANY_KINDS, SIZE_BANDS } from './companies.rules';

export const COMPANIES: RecordDefinition = {
  kind: 'companies',
  label: 'entreprise',
  table: 'company',
  fields: {
    siret: siret({ description: 'SIRET de l’établissement (14 chiffres)', required: true }),
    name: text({ description: 'Raison sociale', required: true }),
    kind: enumeration(COMPANY_KINDS, { description: 'Type : entreprise ordinaire, SIAE (EI, ACI, AI, ETTI), GEIQ, EA, ESAT ou ETT', required: true }),
    naf_code: text({ description: 'Code NAF (ex. 4399C)', max: 6, pattern: /^\d{2}\.?\d{2}[A-Z]$/, patternMessage: 'doit être un code NAF comme 4399C ou 43.99C' }),
    size_band: enumeration(SIZE_BANDS, { description: 'Tranche d’effectif' }),
  },
  key: ['siret'],
  conflictColumns: ['structure_id', 'siret'],
  references: [],
  checks: [],
  normalise: (row) => ({ row, problems: [] }),
};
