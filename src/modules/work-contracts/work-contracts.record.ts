import { date, enumeration, reference, siret, text } from '../../platform/records/fields';
import { RecordDefinition } from '../../platform/records/record-definition';
import { periodProblems } from '../../platform/records/row-rules';
import { PROVIDER_KINDS } from '../companies/companies.rules';
import { CONTRACT_KINDS, FULFILMENT_MODES } from './work-contracts.rules';

const providerKinds = PROVIDER_KINDS.map((kind) => `'${kind}'`).join(', ');

export const WORK_CONTRACTS: RecordDefinition = {
  kind: 'work_contracts',
  label: 'contrat de travail',
  table: 'work_contract',
  fields: {
    ref: reference('Référence du contrat dans la structure'),
    participant_ref: reference('Référence du participant'),
    employer_siret: siret({ description: 'SIRET de l’employeur : attributaire du marché, ou AI/ETTI/GEIQ/ETT pour une mise à disposition', required: true }),
    market_ref: reference('Référence du marché (ou du lot)'),
    kind: enumeration(CONTRACT_KINDS, { description: 'Type de contrat', required: true }),
    mode: enumeration(FULFILMENT_MODES, { description: 'Modalité de réalisation de la clause', required: true }),
    job_title: text({ description: 'Poste occupé' }),
    start_date: date({ description: 'Début du contrat', required: true }),
    end_date: date({ description: 'Fin du contrat (vide pour un CDI)' }),
  },
  key: ['ref'],
  conflictColumns: ['structure_id', 'ref'],
  references: [
    { column: 'participant_ref', alias: 'p', table: 'participant', key: 'ref', target: 'participant_id', message: 'participant inconnu dans la structure' },
    { column: 'employer_siret', alias: 'e', table: 'company', key: 'siret', target: 'employer_id', message: 'employeur inconnu dans la structure (importez l’entreprise d’abord)' },
    { column: 'market_ref', alias: 'm', table: 'market', key: 'ref', target: 'market_id', message: 'marché inconnu dans la structure' },
  ],
  checks: [
    {
      column: 'employer_siret',
      message: `l’employeur doit être attributaire du marché, ou, pour une mise à disposition (mode MADE_AVAILABLE), une ${PROVIDER_KINDS.join(', ')}`,
      violatedWhen: `NOT EXISTS (SELECT 1 FROM award a WHERE a.market_id = m.id AND a.company_id = e.id)
                     AND NOT (s.mode = 'MADE_AVAILABLE' AND e.kind IN (${providerKinds}))`,
    },
    { column: 'start_date', message: 'le contrat doit commencer dans la période du marché', violatedWhen: 's.start_date::date NOT BETWEEN m.start_date AND m.end_date' },
    { column: 'end_date', message: 'le contrat doit finir au plus tard à la fin du marché', violatedWhen: 's.end_date::date > m.end_date' },
    {
      column: 'participant_ref',
      message: 'l’éligibilité du participant doit être validée par le facilitateur au plus tard le jour du début du contrat',
      violatedWhen: 'p.eligibility_validated_on IS NULL OR p.eligibility_validated_on > s.start_date::date',
    },
    {
      column: 'start_date',
      message: 'des heures déjà saisies sortiraient de la période du contrat : corrigez-les d’abord',
      violatedWhen: `EXISTS (SELECT 1 FROM work_contract cw JOIN hours_entry h ON h.work_contract_id = cw.id
                      WHERE cw.structure_id = s.structure_id AND cw.ref = s.ref
                        AND (h.month < date_trunc('month', s.start_date::date) OR h.month > coalesce(s.end_date::date, m.end_date)))`,
    },
  ],
  normalise: (row) => ({ row, problems: periodProblems(row) }),
};
