import { RowProblem, RowValues } from '../../platform/records/record-definition';
import { withDefault } from '../../platform/records/row-rules';

export const GENDERS = ['F', 'M'] as const;
export const QUALIFICATION_LEVELS = ['VI', 'V_BIS', 'V', 'IV', 'III', 'II', 'I', '9', 'UNKNOWN'] as const;
export const PUBLICS = ['LONG_TERM_UNEMPLOYED', 'RSA', 'YOUTH_LOW_QUALIFIED', 'DISABLED', 'SENIOR_50', 'IAE_APPROVED', 'QPV_RESIDENT', 'OTHER'] as const;
export const PRESCRIBERS = ['FRANCE_TRAVAIL', 'MISSION_LOCALE', 'CAP_EMPLOI', 'PLIE', 'DEPARTMENT', 'SIAE', 'OTHER'] as const;

/** The fields that identify a person: shown only inside the participant's own structure. */
export const IDENTITY_FIELDS = ['last_name', 'first_name', 'birth_date', 'postcode'] as const;

/**
 * The identity fields erased when the retention period has passed. The birth date stays: the yearly figures count
 * people by age band, and a consolidation of a past year must give the same figures after the erasure.
 */
export const ERASED_FIELDS = ['last_name', 'first_name', 'postcode'] as const;

/** A person admitted as "other" needs a written reason; a QPV public needs a QPV residence; born before validated. */
export function normaliseParticipant(row: RowValues): { row: RowValues; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const publics = row.publics?.split('|') ?? [];
  if (publics.includes('OTHER') && !row.other_public_reason) {
    problems.push({ column: 'other_public_reason', message: 'obligatoire quand le public est OTHER : indiquez pourquoi la personne est éloignée de l’emploi' });
  }
  if (publics.includes('QPV_RESIDENT')) {
    if (row.qpv_resident === 'false') problems.push({ column: 'qpv_resident', message: 'contredit le public QPV_RESIDENT' });
    row.qpv_resident = 'true';
  }
  withDefault(row, 'qpv_resident', 'false');
  if (row.eligibility_validated_on && row.birth_date && row.eligibility_validated_on < row.birth_date) {
    problems.push({ column: 'eligibility_validated_on', message: 'ne peut précéder la date de naissance' });
  }
  if (row.birth_date && row.birth_date < EARLIEST_BIRTH_DATE) {
    problems.push({ column: 'birth_date', message: `avant le ${EARLIEST_BIRTH_DATE.split('-').reverse().join('/')} : vérifiez l’année` });
  }
  if (publics.includes('YOUTH_LOW_QUALIFIED') && publics.includes('SENIOR_50')) {
    problems.push({ column: 'publics', message: 'YOUTH_LOW_QUALIFIED (moins de 26 ans) et SENIOR_50 (50 ans et plus) ne vont pas ensemble : une personne n’a qu’un âge' });
  }
  return { row, problems };
}

/** A birth date earlier than this is a typing error (a participant is of working age). */
export const EARLIEST_BIRTH_DATE = '1900-01-01';
