import { boolean, date, enumeration, reference } from '../../platform/records/fields';
import { RecordDefinition } from '../../platform/records/record-definition';
import { EXIT_KINDS, INACTIVITY_DURATIONS, normalisePathway, normaliseStep, STEP_KINDS } from './plie.rules';

const PARTICIPANT = { column: 'participant_ref', alias: 'p', table: 'participant', key: 'ref', target: 'participant_id', message: 'participant inconnu dans la structure (importez-le d’abord)' };

/** A participant's pathway in the PLIE: entry, exit and its kind, and the situation at entry. */
export const PLIE_PATHWAYS: RecordDefinition = {
  kind: 'plie_pathways',
  label: 'parcours PLIE',
  table: 'plie_pathway',
  fields: {
    participant_ref: reference('Référence du participant'),
    entry_date: date({ description: 'Entrée en parcours', required: true }),
    exit_date: date({ description: 'Sortie du parcours' }),
    exit_kind: enumeration(EXIT_KINDS, { description: 'Type de sortie (avec exit_date)' }),
    registered_job_seeker: boolean({ description: 'Demandeur d’emploi inscrit à l’entrée' }),
    long_term_unemployed: boolean({ description: 'Demandeur d’emploi de longue durée à l’entrée' }),
    rsa: boolean({ description: 'Allocataire du RSA à l’entrée' }),
    disabled: boolean({ description: 'Travailleur handicapé à l’entrée' }),
    inactivity: enumeration(INACTIVITY_DURATIONS, { description: 'Durée d’inactivité à l’entrée' }),
  },
  key: ['participant_ref', 'entry_date'],
  conflictColumns: ['participant_id', 'entry_date'],
  references: [PARTICIPANT],
  checks: [
    {
      column: 'entry_date',
      message: 'chevauche un autre parcours de ce participant',
      violatedWhen: `EXISTS (SELECT 1 FROM plie_pathway other
                      WHERE other.participant_id = p.id AND other.entry_date <> s.entry_date::date
                        AND other.entry_date <= coalesce(s.exit_date::date, 'infinity')
                        AND s.entry_date::date <= coalesce(other.exit_date, 'infinity'))`,
    },
  ],
  normalise: normalisePathway,
};

/** A step of a pathway (mobilisation, pathway job, training…), within one of the participant's pathways. */
export const PLIE_STEPS: RecordDefinition = {
  kind: 'plie_steps',
  label: 'étape de parcours',
  table: 'plie_step',
  fields: {
    participant_ref: reference('Référence du participant'),
    kind: enumeration(STEP_KINDS, { description: 'Type d’étape', required: true }),
    start_date: date({ description: 'Début', required: true }),
    end_date: date({ description: 'Fin' }),
    funded_by_plie: boolean({ description: 'Financée par le PLIE' }),
  },
  key: ['participant_ref', 'kind', 'start_date'],
  conflictColumns: ['participant_id', 'kind', 'start_date'],
  references: [PARTICIPANT],
  checks: [
    {
      column: 'start_date',
      message: 'l’étape doit commencer pendant un parcours PLIE du participant',
      violatedWhen: `NOT EXISTS (SELECT 1 FROM plie_pathway pw
                      WHERE pw.participant_id = p.id AND pw.entry_date <= s.start_date::date
                        AND s.start_date::date <= coalesce(pw.exit_date, 'infinity'))`,
    },
  ],
  normalise: normaliseStep,
};
