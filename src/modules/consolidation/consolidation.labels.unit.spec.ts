import { figureLabel } from './consolidation.labels';

describe('a report figure named in French', () => {
  it('names headline figures and their measures', () => {
    expect(figureLabel('clause.headline.insertionHours.value')).toBe('Heures d’insertion réalisées');
    expect(figureLabel('clause.headline.markets.changePct')).toBe('Marchés : évolution (%)');
  });

  it('names a breakdown, its category and its measure, months included', () => {
    expect(figureLabel('clause.breakdowns.gender.F.insertionHours')).toBe('Par sexe — Femmes : heures d’insertion');
    expect(figureLabel('clause.breakdowns.month.2024-04.insertionHoursSharePct')).toBe('Par mois — avril 2024 : part des heures d’insertion (%)');
  });

  it('keeps the path of what it has no name for', () => {
    expect(figureLabel('plie.table1.gender/F.entries')).toBe('plie.table1.gender/F.entries');
    expect(figureLabel('reportingStructures')).toBe('Structures ayant transmis des données');
  });
});
