import { decimal, month, reference } from '../../platform/records/fields';
import { RecordDefinition } from '../../platform/records/record-definition';
import { SystemValues } from '../../platform/records/record-store';
import { normaliseHours } from './hours.rules';

export const HOURS: RecordDefinition = {
  kind: 'hours',
  label: 'saisie d’heures',
  table: 'hours_entry',
  fields: {
    work_contract_ref: reference('Référence du contrat de travail', true, 'CT-0001'),
    month: month({ description: 'Mois (AAAA-MM)', required: true }),
    hours_worked: decimal({ description: 'Heures travaillées dans le mois', required: true, max: 744 }),
    training_hours: decimal({ description: 'Heures de formation dans le mois (0 par défaut)', max: 744 }),
  },
  key: ['work_contract_ref', 'month'],
  conflictColumns: ['work_contract_id', 'month'],
  references: [{ column: 'work_contract_ref', alias: 'wc', table: 'work_contract', key: 'ref', target: 'work_contract_id', message: 'contrat de travail inconnu dans la structure' }],
  checks: [
    {
      column: 'month',
      message: 'le mois doit tomber dans la période du contrat de travail',
      join: 'LEFT JOIN market hm ON hm.id = wc.market_id',
      violatedWhen: `s.month::date < date_trunc('month', wc.start_date) OR s.month::date > coalesce(wc.end_date, hm.end_date)`,
    },
  ],
  // Its checks read work contracts and markets, never hours: the largest files are merged while they are read.
  mergedWhileRead: true,
  normalise: normaliseHours,
};

/** Hours a facilitator records or corrects count at once; the trail keeps who validated them. */
export const VALIDATED_BY_ACTOR: SystemValues = {
  system: [
    ['status', `'VALIDATED'`],
    ['validated_by', '{{actorId}}'],
    ['validated_at', 'now()'],
    ['rejection_reason', 'NULL::text'],
  ],
  comparedSystem: ['status'],
};
