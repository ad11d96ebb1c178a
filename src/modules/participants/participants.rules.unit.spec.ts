import { normaliseParticipant } from './participants.rules';

const person = { ref: 'P', birth_date: '1990-01-01', gender: 'F', publics: 'RSA', qpv_resident: null, other_public_reason: null, eligibility_validated_on: '2017-01-10' };

describe('participant rules', () => {
  it('asks for a written reason when the public is OTHER', () => {
    expect(normaliseParticipant({ ...person, publics: 'OTHER' }).problems.map((problem) => problem.column)).toEqual(['other_public_reason']);
    expect(normaliseParticipant({ ...person, publics: 'OTHER', other_public_reason: 'Sortie de détention' }).problems).toEqual([]);
  });

  it('makes a QPV public a QPV resident, and refuses the contradiction', () => {
    expect(normaliseParticipant({ ...person, publics: 'RSA|QPV_RESIDENT' }).row.qpv_resident).toBe('true');
    expect(normaliseParticipant({ ...person, publics: 'QPV_RESIDENT', qpv_resident: 'false' }).problems).toEqual([{ column: 'qpv_resident', message: 'contredit le public QPV_RESIDENT' }]);
    expect(normaliseParticipant(person).row.qpv_resident).toBe('false');
  });

  it('refuses an eligibility validated before the person was born', () => {
    expect(normaliseParticipant({ ...person, eligibility_validated_on: '1989-12-31' }).problems[0]?.column).toBe('eligibility_validated_on');
  });
});
