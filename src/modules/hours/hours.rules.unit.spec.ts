import { normaliseHours } from './hours.rules';

describe('hours rules', () => {
  it('allows 220 hours in a month on one contract, worked and training together, and not one hundredth more', () => {
    expect(normaliseHours({ hours_worked: '200', training_hours: '20' }).problems).toEqual([]);
    expect(normaliseHours({ hours_worked: '200.01', training_hours: '20' }).problems).toEqual([
      { column: 'hours_worked', message: 'heures travaillées + heures de formation = 220,01 h : 220 h au plus par mois sur un contrat' },
    ]);
  });

  it('counts no training hours when none are given', () => {
    expect(normaliseHours({ hours_worked: '151.67', training_hours: null }).row.training_hours).toBe('0');
  });
});
