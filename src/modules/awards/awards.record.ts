import { decimal, enumeration, reference, siret } from '../../platform/records/fields';
import { RecordDefinition } from '../../platform/records/record-definition';
import { INSERTION_KINDS } from '../companies/companies.rules';
import { AWARD_ROLES } from './awards.rules';

const insertionKinds = INSERTION_KINDS.map((kind) => `'${kind}'`).join(', ');

export const AWARDS: RecordDefinition = {
  kind: 'awards',
  label: 'attribution',
  table: 'award',
  fields: {
    market_ref: reference('Référence du marché (ou du lot)'),
    company_siret: siret({ description: 'SIRET de l’entreprise attributaire', required: true }),
    role: enumeration(AWARD_ROLES, { description: 'Titulaire, cotraitant ou sous-traitant', required: true }),
    hours_objective: decimal({ description: 'Part de l’objectif d’heures confiée à cette entreprise', max: 99_999_999 }),
    agreed_hours: decimal({ description: 'Heures convenues avec une structure d’insertion ou du secteur adapté/protégé sous-traitante', max: 99_999_999 }),
  },
  key: ['market_ref', 'company_siret'],
  conflictColumns: ['market_id', 'company_id'],
  references: [
    { column: 'market_ref', alias: 'm', table: 'market', key: 'ref', target: 'market_id', message: 'marché inconnu dans la structure' },
    { column: 'company_siret', alias: 'c', table: 'company', key: 'siret', target: 'company_id', message: 'entreprise inconnue dans la structure (importez-la d’abord)' },
  ],
  checks: [
    {
      column: 'agreed_hours',
      message: `ne concernent qu’une structure d’insertion ou du secteur adapté/protégé (${INSERTION_KINDS.join(', ')})`,
      violatedWhen: `s.agreed_hours IS NOT NULL AND c.kind NOT IN (${insertionKinds})`,
    },
    { column: 'hours_objective', message: 'dépasse l’objectif d’heures du marché', violatedWhen: 's.hours_objective::numeric > m.hours_objective' },
    {
      column: 'role',
      message: 'le marché a déjà un autre titulaire',
      violatedWhen: `s.role = 'HOLDER' AND EXISTS (SELECT 1 FROM award other WHERE other.market_id = m.id AND other.role = 'HOLDER' AND other.company_id <> c.id)`,
    },
  ],
  normalise: (row) => ({ row, problems: [] }),
};
