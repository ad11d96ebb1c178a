import { boolean, date, enumeration, enumerationList, reference, text } from '../../platform/records/fields';
import { RecordDefinition } from '../../platform/records/record-definition';
import { GENDERS, normaliseParticipant, PRESCRIBERS, PUBLICS, QUALIFICATION_LEVELS } from './participants.rules';

export const PARTICIPANTS: RecordDefinition = {
  kind: 'participants',
  label: 'participant',
  table: 'participant',
  fields: {
    ref: reference('Référence du participant dans la structure (pas de donnée d’identité)'),
    last_name: text({ description: 'Nom (donnée personnelle)', max: 100 }),
    first_name: text({ description: 'Prénom (donnée personnelle)', max: 100 }),
    birth_date: date({ description: 'Date de naissance', required: true }),
    gender: enumeration(GENDERS, { description: 'Sexe', required: true }),
    postcode: text({ description: 'Code postal', max: 5, pattern: /^(\d{5}|2[AB]\d{3})$/, patternMessage: 'doit être un code postal à 5 caractères' }),
    qpv_resident: boolean({ description: 'Réside en quartier prioritaire (QPV)' }),
    qualification_level: enumeration(QUALIFICATION_LEVELS, { description: 'Niveau de qualification (nomenclature nationale)' }),
    publics: enumerationList(PUBLICS, { description: 'Publics éligibles, plusieurs possibles (séparés par « | » dans un fichier)', required: true }),
    other_public_reason: text({ description: 'Motif écrit, obligatoire pour le public OTHER', max: 500 }),
    prescriber: enumeration(PRESCRIBERS, { description: 'Prescripteur' }),
    eligibility_validated_on: date({ description: 'Date de validation de l’éligibilité par le facilitateur' }),
  },
  key: ['ref'],
  conflictColumns: ['structure_id', 'ref'],
  references: [],
  checks: [
    // Dates in the future are errors; they need today's date, hence SQL (the database's day, the same for everyone).
    { column: 'birth_date', message: 'est dans le futur', violatedWhen: 's.birth_date::date > current_date' },
    { column: 'eligibility_validated_on', message: 'est dans le futur : l’éligibilité se valide le jour où elle est constatée', violatedWhen: 's.eligibility_validated_on::date > current_date' },
    {
      column: 'eligibility_validated_on',
      message: 'des contrats de travail de ce participant commencent avant cette date : l’éligibilité doit être validée au plus tard à leur début',
      violatedWhen: `EXISTS (SELECT 1 FROM participant cp JOIN work_contract wc ON wc.participant_id = cp.id
                      WHERE cp.structure_id = s.structure_id AND cp.ref = s.ref
                        AND (s.eligibility_validated_on IS NULL OR s.eligibility_validated_on::date > wc.start_date))`,
    },
  ],
  normalise: normaliseParticipant,
};
