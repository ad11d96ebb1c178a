import { enumeration, text } from '../../platform/records/fields';
import { RecordDefinition } from '../../platform/records/record-definition';
import { normaliseRef, STRUCTURE_KINDS, STRUCTURE_REF_PATTERN } from './structures.rules';

/** Structures as an administrator imports them (`structures` kind): each is its own tenant. */
export const STRUCTURES_IMPORT: RecordDefinition = {
  kind: 'structures',
  label: 'structure',
  table: 'structure',
  tenantColumn: 'id',
  fields: {
    ref: text({ description: 'Référence unique de la structure', required: true, max: 50, pattern: STRUCTURE_REF_PATTERN, patternMessage: 'lettres, chiffres, « - », « _ » ou « . » (50 au plus)' }),
    name: text({ description: 'Nom', required: true }),
    kind: enumeration(STRUCTURE_KINDS, { description: 'Type de structure', required: true }),
    region: text({ description: 'Région', max: 100 }),
  },
  key: ['ref'],
  conflictColumns: ['ref'],
  references: [],
  checks: [],
  normalise: (row) => ({ row: { ...row, ref: normaliseRef(row.ref!) }, problems: [] }),
};
