import { boolean, date, reference, text } from '../../platform/records/fields';
import { RecordDefinition } from '../../platform/records/record-definition';
import { periodProblems, withDefault } from '../../platform/records/row-rules';

export const OPERATIONS: RecordDefinition = {
  kind: 'operations',
  label: 'opération',
  table: 'operation',
  fields: {
    ref: reference('Référence de l’opération dans la structure'),
    buyer_ref: reference('Référence de l’acheteur qui porte l’opération'),
    name: text({ description: 'Nom de l’opération', required: true }),
    urban_renewal: boolean({ description: 'Opération de renouvellement urbain (ANRU/NPNRU) ; non par défaut' }),
    qpv: boolean({ description: 'Située en quartier prioritaire de la politique de la ville (QPV) ; non par défaut' }),
    start_date: date({ description: 'Début' }),
    end_date: date({ description: 'Fin' }),
  },
  key: ['ref'],
  conflictColumns: ['structure_id', 'ref'],
  references: [{ column: 'buyer_ref', alias: 'b', table: 'buyer', key: 'ref', target: 'buyer_id', message: 'acheteur inconnu dans la structure' }],
  checks: [],
  normalise: (row) => {
    withDefault(row, 'urban_renewal', 'false');
    withDefault(row, 'qpv', 'false');
    return { row, problems: periodProblems(row) };
  },
};
