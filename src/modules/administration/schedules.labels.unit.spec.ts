import { repeatLabel } from './schedules.labels';

describe('schedule labels', () => {
  it('say a daily time in Paris, or a period', () => {
    expect(repeatLabel({ pattern: '0 7 * * *', tz: 'Europe/Paris' })).toBe('tous les jours à 07:00 (heure de Paris)');
    expect(repeatLabel({ pattern: '30 2 * * *', tz: 'Europe/Paris' })).toBe('tous les jours à 02:30 (heure de Paris)');
    expect(repeatLabel({ pattern: '0 7 * * 1', tz: 'Europe/Paris' })).toBe('selon « 0 7 * * 1 » (Europe/Paris)');
    expect(repeatLabel({ every: 300_000 })).toBe('toutes les 5 min');
    expect(repeatLabel({ every: 3_600_000 })).toBe('toutes les heures');
    expect(repeatLabel({ every: 7_200_000 })).toBe('toutes les 2 h');
  });
});
