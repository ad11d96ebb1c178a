import { enumeration, reference, siret, text } from '../../platform/records/fields';
import { RecordDefinition } from '../../platform/records/record-definition';
import { BUYER_KINDS } from './buyers.rules';

export const BUYERS: RecordDefinition = {
  kind: 'buyers',
  label: 'acheteur',
  table: 'buyer',
  fields: {
    ref: reference('Référence de l’acheteur dans la structure'),
    name: text({ description: 'Nom de l’acheteur (maître d’ouvrage)', required: true }),
    kind: enumeration(BUYER_KINDS, { description: 'Type d’acheteur', required: true }),
    siret: siret({ description: 'SIRET (14 chiffres) : identifie l’acheteur d’une structure à l’autre' }),
  },
  key: ['ref'],
  conflictColumns: ['structure_id', 'ref'],
  references: [],
  checks: [],
  normalise: (row) => ({ row, problems: [] }),
};
