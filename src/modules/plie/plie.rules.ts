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

const PATHWAY_FLAGS = ['registered_job_seeker', 'long_term_unemployed', 'rsa', 'disabled'] as const;

/** An exit has a kind and a kind has an exit, on or after the entry; the situation flags default to no. */
export function normalisePathway(row: RowValues): { row: RowValues; problems: RowProblem[] } {
  const problems = periodProblems(row, 'entry_date', 'exit_date');
  if (row.exit_date && !row.exit_kind) problems.push({ column: 'exit_kind', message: 'obligatoire quand exit_date est renseignée' });
  if (row.exit_kind && !row.exit_date) problems.push({ column: 'exit_date', message: 'obligatoire quand exit_kind est renseigné' });
  for (const flag of PATHWAY_FLAGS) withDefault(row, flag, 'false');
  return { row, problems };
}

export function normaliseStep(row: RowValues): { row: RowValues; problems: RowProblem[] } {
  withDefault(row, 'funded_by_plie', 'false');
  return { row, problems: periodProblems(row) };
}
