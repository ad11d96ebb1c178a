import { boolean, date, enumeration, reference } from '../../platform/records/fields';
import { RecordDefinition } from '../../platform/records/record-definition';
import { QUALIFICATION_LEVELS } from '../participants/participants.rules';
import {
  EMPLOYER_SIZE_BANDS,
  EMPLOYER_TYPES,
  EXIT_CONTRACTS,
  EXIT_KINDS,
  EXIT_MEASURES,
  INACTIVITY_DURATIONS,
  INSERTION_STRUCTURE_KINDS,
  NAF_SECTIONS,
  normalisePathway,
  normaliseStep,
  STEP_KINDS,
  TRAINING_CERTIFICATIONS,
  TRAINING_DOMAINS,
} from './plie.rules';

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
    employer_naf_section: enumeration(NAF_SECTIONS, { description: 'Sortie en emploi : section NAF de l’employeur' }),
    employer_type: enumeration(EMPLOYER_TYPES, { description: 'Sortie en emploi : type d’employeur' }),
    employer_size_band: enumeration(EMPLOYER_SIZE_BANDS, { description: 'Sortie en emploi : taille de l’établissement' }),
    exit_contract: enumeration(EXIT_CONTRACTS, { description: 'Sortie en emploi : contrat' }),
    exit_measure: enumeration(EXIT_MEASURES, { description: 'Sortie en emploi : mesure aidée' }),
    training_domain: enumeration(TRAINING_DOMAINS, { description: 'Sortie en formation : domaine' }),
    training_level: enumeration(QUALIFICATION_LEVELS, { description: 'Sortie en formation : niveau' }),
    training_certification: enumeration(TRAINING_CERTIFICATIONS, { description: 'Sortie en formation : certification visée' }),
    training_start_date: date({ description: 'Sortie en formation : début de la formation' }),
    training_end_date: date({ description: 'Sortie en formation : fin de la formation' }),
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
    structure_kind: enumeration(INSERTION_STRUCTURE_KINDS, { description: 'Structure d’insertion où se déroule l’étape (obligatoire pour PATHWAY_JOB_IAE)' }),
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
