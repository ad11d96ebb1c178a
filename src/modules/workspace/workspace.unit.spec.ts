import { MarketsService } from '../markets/markets.service';
import { referenceMonth } from './dashboard.pages';
import { cellsOf } from '../hours/hours.views';

describe('the dashboard’s reference month', () => {
  it('is last month for this year, December for a past year', () => {
    const today = new Date('2026-11-30T10:00:00Z');
    expect(referenceMonth(today, 2026)).toBe('2026-10');
    expect(referenceMonth(today, 2017)).toBe('2017-12');
    expect(referenceMonth(new Date('2027-01-05T10:00:00Z'), 2026)).toBe('2026-12');
  });
});

describe('the monthly grid’s cells', () => {
  it('records the filled lines only, training alone included (for the rule to refuse it)', () => {
    const cells = cellsOf({
      mois: '2024-03',
      'travail.a': '151,67',
      'formation.a': '7',
      'travail.b': '',
      'formation.b': '',
      'travail.c': ' ',
      'formation.c': '3',
    });
    expect(cells).toEqual([
      { workContractId: 'a', hoursWorked: '151,67', trainingHours: '7' },
      { workContractId: 'c', hoursWorked: '', trainingHours: '3' },
    ]);
  });
});

describe('the market form’s objective calculator', () => {
  // The preview uses the market definition's own fields and rule, no database.
  const markets = new MarketsService(undefined as never, undefined as never);

  it('gives the objective of the sizing, as the market rule computes it', () => {
    expect(markets.previewObjective({ amountExclTax: '1000000', labourSharePct: '50', insertionRatePct: '5', hourlyCost: '30' })).toEqual({ objective: '833' });
    expect(markets.previewObjective({ amountExclTax: '1 200 000'.replace(/ /g, ''), labourSharePct: '40', insertionRatePct: '5,5', hourlyCost: '30' })).toEqual({ objective: '880' });
  });

  it('says what is missing, or what is wrong, in French', () => {
    expect(markets.previewObjective({ amountExclTax: '1000000' })).toEqual({ missing: ['Part de main-d’œuvre (%)', 'Taux d’insertion (%)', 'Coût horaire chargé en euros'] });
    expect(markets.previewObjective({ amountExclTax: '1000000', labourSharePct: '150', insertionRatePct: '5', hourlyCost: '30' })).toEqual({ problem: 'Part de main-d’œuvre (%) : doit valoir 100 au plus' });
    expect(markets.previewObjective({ amountExclTax: '1000000', labourSharePct: '50', insertionRatePct: '5', hourlyCost: '5' })).toMatchObject({ problem: expect.stringContaining('doit être de 10 € au moins') });
  });
});
