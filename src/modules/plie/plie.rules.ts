import { RowProblem, RowValues } from '../../platform/records/record-definition';
import { periodProblems, withDefault } from '../../platform/records/row-rules';

export const EXIT_KINDS = ['EMPLOYMENT', 'TRAINING', 'OTHER_POSITIVE', 'DROPOUT', 'MOVED_DIED_RETIRED', 'OTHER'] as const;
export const INACTIVITY_DURATIONS = ['UNDER_1_YEAR', '1_TO_2_YEARS', '2_TO_3_YEARS', '3_TO_5_YEARS', 'OVER_5_YEARS', 'NEVER_WORKED'] as const;
export const STEP_KINDS = [
  'MOBILISATION',
  'PATHWAY_JOB_IAE',
  'PATHWAY_JOB_SUBSIDISED',
  'PATHWAY_JOB_UNSUBSIDISED',
  'EXIT_JOB',
  'TRAINING_QUALIFYING',
  'TRAINING_NON_QUALIFYING',
  'EMPLOYMENT_MEDIATION',
  'BUSINESS_CREATION',
] as const;

/** Where a job exit is: the employer's NAF section (the source merges B and C, so either is taken), type and size. */
export const NAF_SECTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U'] as const;
export const EMPLOYER_TYPES = ['COMPANY', 'ASSOCIATION', 'PUBLIC_SECTOR', 'PRIVATE_INDIVIDUAL'] as const;
export const EMPLOYER_SIZE_BANDS = ['0', '1-9', '10-49', '50-199', '200-999', '1000+'] as const;
export const EXIT_CONTRACTS = ['CDI', 'CDD_6_MONTHS_PLUS', 'BUSINESS_CREATION', 'TEMPORARY_WORK'] as const;
export const EXIT_MEASURES = ['CUI_CIE', 'CUI_CAE', 'PROFESSIONALISATION', 'APPRENTICESHIP', 'OTHER', 'NONE'] as const;
export const TRAINING_DOMAINS = [
  'AGRICULTURE', 'CONSTRUCTION', 'BUSINESS_SERVICES', 'PERSONAL_SERVICES_HEALTH_SOCIAL', 'EDUCATION', 'FOOD_TRADES', 'ARTS_CRAFTS_MEDIA', 'COMMERCE',
  'TOURISM_HOSPITALITY', 'IT_COMMUNICATION', 'PRODUCTION_HANDLING', 'OFFICE_ACCOUNTING', 'TEXTILE', 'ELECTRICITY_ELECTRONICS', 'TRANSPORT_LOGISTICS',
  'MECHANICS_MATERIALS', 'BEAUTY', 'BANKING_INSURANCE', 'GENERAL_EDUCATION',
] as const;
export const TRAINING_CERTIFICATIONS = ['EDUCATION_DIPLOMA', 'YOUTH_SPORTS_DIPLOMA', 'SOCIAL_AFFAIRS_DIPLOMA', 'AGRICULTURE_DIPLOMA', 'CQP', 'CMP', 'EMPLOYMENT_MINISTRY_TITLE', 'OTHER'] as const;
/** The insertion structures (IAE and others) a pathway job takes place in. */
export const INSERTION_STRUCTURE_KINDS = ['ACI', 'EI', 'ETTI', 'AI', 'REGIE_DE_QUARTIER', 'GEIQ'] as const;

/** The details of an exit, each kept for its own kind of exit. */
export const EMPLOYMENT_DETAILS = ['employer_naf_section', 'employer_type', 'employer_size_band', 'exit_contract', 'exit_measure'] as const;
export const TRAINING_DETAILS = ['training_domain', 'training_level', 'training_certification', 'training_start_date', 'training_end_date'] as const;

/** An employment exit is validated once the job has lasted this many months. */
export const EXIT_VALIDATION_MONTHS = 6;

const PATHWAY_FLAGS = ['registered_job_seeker', 'long_term_unemployed', 'rsa', 'disabled'] as const;

/**
 * An exit has a kind and a kind has an exit, on or after the entry; employment details belong to an employment exit
 * and training details to a training exit (the training not ending before it starts); the situation flags default
 * to no.
 */
export function normalisePathway(row: RowValues): { row: RowValues; problems: RowProblem[] } {
  const problems = [...periodProblems(row, 'entry_date', 'exit_date'), ...periodProblems(row, 'training_start_date', 'training_end_date')];
  if (row.exit_date && !row.exit_kind) problems.push({ column: 'exit_kind', message: 'obligatoire quand exit_date est renseignée' });
  if (row.exit_kind && !row.exit_date) problems.push({ column: 'exit_date', message: 'obligatoire quand exit_kind est renseigné' });
  for (const [details, kind, label] of [[EMPLOYMENT_DETAILS, 'EMPLOYMENT', 'en emploi'], [TRAINING_DETAILS, 'TRAINING', 'en formation']] as const) {
    for (const column of details) {
      if (row[column] && row.exit_kind !== kind) problems.push({ column, message: `ne se renseigne que pour une sortie ${label} (exit_kind ${kind})` });
    }
  }
  for (const flag of PATHWAY_FLAGS) withDefault(row, flag, 'false');
  return { row, problems };
}

/** A step lies within its dates; a pathway job in an insertion structure says which kind of structure. */
export function normaliseStep(row: RowValues): { row: RowValues; problems: RowProblem[] } {
  withDefault(row, 'funded_by_plie', 'false');
  const problems = periodProblems(row);
  if (row.kind === 'PATHWAY_JOB_IAE' && !row.structure_kind) problems.push({ column: 'structure_kind', message: 'obligatoire pour un emploi de parcours en IAE (PATHWAY_JOB_IAE)' });
  return { row, problems };
}

/** SQL: the open pathway `pw` that the job exit `st` belongs to (entered before the job began, no exit yet). */
export const OPEN_PATHWAY_OF_STEP_SQL = 'pw.participant_id = st.participant_id AND pw.entry_date <= st.start_date AND pw.exit_date IS NULL';

/** SQL: the step `st` is a job exit that has lasted six months by `day` (a date expression), not ended before. */
export function exitDueSql(day: string): string {
  const reached = `st.start_date + make_interval(months => ${EXIT_VALIDATION_MONTHS})`;
  return `st.kind = 'EXIT_JOB' AND ${reached} <= ${day} AND coalesce(st.end_date, 'infinity') >= ${reached} - interval '1 day'`;
}
