import { normalisePathway, normaliseStep } from './plie.rules';

const pathway = { participant_ref: 'P', entry_date: '2017-01-10', exit_date: null, exit_kind: null, registered_job_seeker: null, long_term_unemployed: 'true', rsa: null, disabled: null, inactivity: null };

describe('PLIE pathway rules', () => {
  it('wants an exit kind if and only if there is an exit date', () => {
    expect(normalisePathway({ ...pathway, exit_date: '2017-06-30' }).problems).toEqual([{ column: 'exit_kind', message: 'obligatoire quand exit_date est renseignée' }]);
    expect(normalisePathway({ ...pathway, exit_kind: 'DROPOUT' }).problems).toEqual([{ column: 'exit_date', message: 'obligatoire quand exit_kind est renseigné' }]);
    expect(normalisePathway({ ...pathway, exit_date: '2017-06-30', exit_kind: 'EMPLOYMENT' }).problems).toEqual([]);
  });

  it('refuses an exit before the entry, and takes unknown situation flags as no', () => {
    expect(normalisePathway({ ...pathway, exit_date: '2016-12-31', exit_kind: 'OTHER' }).problems[0]?.column).toBe('exit_date');
    expect(normalisePathway(pathway).row).toMatchObject({ registered_job_seeker: 'false', long_term_unemployed: 'true', rsa: 'false', disabled: 'false' });
  });

  it('keeps a step’s end after its start', () => {
    expect(normaliseStep({ start_date: '2017-03-01', end_date: '2017-02-01', funded_by_plie: null }).problems[0]?.column).toBe('end_date');
    expect(normaliseStep({ start_date: '2017-03-01', end_date: null, funded_by_plie: null }).row.funded_by_plie).toBe('false');
  });
});
