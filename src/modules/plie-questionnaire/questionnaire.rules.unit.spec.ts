import { CATALOG, declarationProblem, fillTable, QUESTIONNAIRE_TABLES } from './questionnaire.rules';

describe('the yearly questionnaire’s rules', () => {
  it('lists every row of the report once per table, each computed row made of rows of its own table', () => {
    for (const table of QUESTIONNAIRE_TABLES) {
      const keys = CATALOG[table].map((row) => row.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const row of CATALOG[table]) for (const part of row.sumOf ?? []) expect(keys).toContain(part);
    }
    expect(CATALOG.FINANCING).toHaveLength(17);
    expect(CATALOG.ALLOCATIONS).toHaveLength(19);
    expect(CATALOG.ORGANISATION).toHaveLength(37);
  });

  it('refuses computed rows, unknown rows and measures a row does not take, in French', () => {
    expect(declarationProblem('FINANCING', 'axis_3.state', 'direct')).toBeNull();
    expect(declarationProblem('FINANCING', 'not_mobilised.other_not_mobilised', 'total')).toBeNull();
    expect(declarationProblem('FINANCING', 'axis_3.state', 'total')).toEqual({ column: 'column', message: 'colonne « total » impossible pour axis_3.state : possibles direct, indirect' });
    expect(declarationProblem('FINANCING', 'totals.total_general', 'total')?.message).toBe(
      'total calculé par la plateforme (somme de mobilised.subtotal_mobilised, not_mobilised.subtotal_not_mobilised) : il ne se déclare pas',
    );
    expect(declarationProblem('ALLOCATIONS', 'total_siae', 'total')?.column).toBe('item');
    expect(declarationProblem('ORGANISATION', 'team_staff_fte', 'value')).toBeNull();
    expect(declarationProblem('ORGANISATION', 'team_staff', 'amount_eur')?.column).toBe('column');
    expect(declarationProblem('ORGANISATION', 'axis_3.state', 'value')?.message).toMatch(/^élément inconnu du tableau ORGANISATION : possibles team_staff, team_staff_fte/);
  });

  it('computes totals and subtotals exactly from the declared figures, null where nothing makes them', () => {
    const rows = fillTable('FINANCING', [
      { item: 'axis_3.state', measure: 'direct', value: '0.1' },
      { item: 'axis_3.state', measure: 'indirect', value: '0.2' },
      { item: 'axis_3.esf', measure: 'direct', value: '1000000000.05' },
      { item: 'axis_4.local_authorities', measure: 'indirect', value: '7' },
      { item: 'not_mobilised.other_not_mobilised', measure: 'total', value: '3' },
    ]);
    const row = (key: string) => rows.find((found) => found.key === key)!.values;
    expect(row('axis_3.state')).toEqual({ direct: '0.1', indirect: '0.2', total: '0.3' });
    expect(row('axis_3.subtotal_axis_3')).toEqual({ direct: '1000000000.15', indirect: '0.2', total: '1000000000.35' });
    expect(row('axis_4.subtotal_axis_4')).toEqual({ direct: null, indirect: '7', total: '7' });
    expect(row('mobilised.subtotal_mobilised')).toEqual({ direct: '1000000000.15', indirect: '7.2', total: '1000000007.35' });
    expect(row('totals.total_general')).toEqual({ total: '1000000010.35' });
    expect(row('totals.of_which_esf')).toEqual({ total: '1000000000.05' });
    expect(row('axis_3.regional_council')).toEqual({ direct: null, indirect: null, total: null });
  });

  it('sums Table 10’s lists into their totals and Table 7’s recipients into theirs', () => {
    const organisation = fillTable('ORGANISATION', [
      { item: 'meetings_organised_institutional', measure: 'value', value: '824' },
      { item: 'meetings_organised_operational', measure: 'value', value: '3756' },
      { item: 'operations_contracted_training', measure: 'amount_eur', value: '6041258' },
    ]);
    expect(organisation.find((row) => row.key === 'meetings_organised')!.values).toEqual({ value: '4580' });
    expect(organisation.find((row) => row.key === 'operations_contracted')!.values).toEqual({ value: null, amount_eur: '6041258' });
    const allocations = fillTable('ALLOCATIONS', [
      { item: 'aci', measure: 'total', value: '100' },
      { item: 'mission_locale', measure: 'total', value: '50' },
      { item: 'mission_locale', measure: 'esf', value: '20' },
    ]);
    expect(allocations.find((row) => row.key === 'total_siae')!.values).toEqual({ total: '100', esf: null });
    expect(allocations.find((row) => row.key === 'total')!.values).toEqual({ total: '150', esf: '20' });
  });
});
