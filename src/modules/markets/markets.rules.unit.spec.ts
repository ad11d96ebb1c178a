import { hoursObjective, lotProblems, normaliseMarket } from './markets.rules';

const base = { ref: 'M', buyer_ref: 'B', start_date: '2017-01-01', end_date: '2017-12-31', training_counts: null, amount_excl_tax: null, labour_share_pct: null, insertion_rate_pct: null, hourly_cost: null, hours_objective: null };

describe('market rules', () => {
  it('sizes a clause: amount × labour share × insertion rate ÷ hourly cost (DOMAIN.md example)', () => {
    expect(hoursObjective({ amountExclTax: '1000000', labourSharePct: '50', insertionRatePct: '5', hourlyCost: '30' })).toBe('833');
    expect(hoursObjective({ amountExclTax: '180000', labourSharePct: '70', insertionRatePct: '10', hourlyCost: '27' })).toBe('467');
  });

  it('keeps a given objective and its inputs, and says it was not computed', () => {
    const { row, problems } = normaliseMarket({ ...base, hours_objective: '1200', amount_excl_tax: '500000' });
    expect(problems).toEqual([]);
    expect(row).toMatchObject({ hours_objective: '1200', hours_objective_computed: 'false', amount_excl_tax: '500000', training_counts: 'true' });
  });

  it('computes a missing objective and says so', () => {
    const { row } = normaliseMarket({ ...base, amount_excl_tax: '1000000', labour_share_pct: '50', insertion_rate_pct: '5', hourly_cost: '30' });
    expect(row).toMatchObject({ hours_objective: '833', hours_objective_computed: 'true' });
  });

  it('names what is missing to compute the objective', () => {
    expect(normaliseMarket({ ...base, amount_excl_tax: '1000000' }).problems).toEqual([
      { column: 'hours_objective', message: 'à renseigner, ou à calculer : il manque labour_share_pct, insertion_rate_pct, hourly_cost' },
    ]);
  });

  it('refuses a computed objective past what a market holds, naming the objective', () => {
    const huge = normaliseMarket({ ...base, hours_objective: null, amount_excl_tax: '999999999999', labour_share_pct: '100', insertion_rate_pct: '100', hourly_cost: '10' });
    expect(huge.problems).toEqual([{ column: 'hours_objective', message: 'objectif calculé de 100000000000 h : 99 999 999 h au plus (vérifiez le montant et le coût horaire)' }]);
  });

  it('refuses a zero hourly cost and a period ending before it starts', () => {
    expect(normaliseMarket({ ...base, hourly_cost: '0.00' }).problems).toEqual([{ column: 'hourly_cost', message: expect.stringMatching(/^doit être de 10 € au moins/) }]);
    expect(normaliseMarket({ ...base, hours_objective: '1', hourly_cost: '10.00' }).problems).toEqual([]);
    expect(normaliseMarket({ ...base, hours_objective: '1', end_date: '2016-12-31' }).problems).toEqual([{ column: 'end_date', message: 'ne doit pas précéder start_date (2017-01-01)' }]);
  });

  it('keeps a lot within its market: same buyer, same operation, inside the period', () => {
    const parent = { buyerRef: 'B', operationRef: 'OP', startDate: '2017-01-01', endDate: '2017-12-31' };
    expect(lotProblems(parent, { buyer_ref: 'B', operation_ref: 'OP', start_date: '2017-02-01', end_date: '2017-12-31' })).toEqual([]);
    expect(lotProblems(parent, { buyer_ref: 'C', operation_ref: 'OP', start_date: '2016-12-01', end_date: '2017-06-30' }).map((problem) => problem.champ)).toEqual(['buyerRef', 'startDate']);
    expect(lotProblems(parent, { buyer_ref: 'B', operation_ref: 'OTHER', start_date: '2017-02-01', end_date: '2017-12-31' })).toEqual([
      { champ: 'operationRef', message: 'un lot relève de l’opération de son marché (OP)' },
    ]);
    expect(lotProblems({ ...parent, operationRef: null }, { buyer_ref: 'B', operation_ref: 'OP', start_date: '2017-02-01', end_date: '2017-12-31' })[0]?.champ).toBe('operationRef');
  });
});
