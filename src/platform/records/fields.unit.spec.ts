import { boolean, date, decimal, enumerationList, month, parseDate, reference, siret } from './fields';

const valueOf = (parsed: ReturnType<ReturnType<typeof decimal>['parse']>) => ('value' in parsed ? parsed.value : `error: ${parsed.error}`);

describe('record fields: one parser for CSV cells and JSON values', () => {
  const hours = decimal({ description: 'heures', required: true, max: 744 });

  it.each([
    ['151,67', '151.67'],
    ['151.67', '151.67'],
    [151.67, '151.67'],
    ['007', '7'],
    ['0', '0'],
    ['12.50', '12.50'],
  ])('reads the decimal %p exactly as %p', (raw, expected) => expect(valueOf(hours.parse(raw))).toBe(expected));

  it.each([
    ['-4', 'doit être positif ou nul'],
    ['12.345', 'doit avoir 2 décimales au plus'],
    [0.1 + 0.2, 'doit avoir 2 décimales au plus'],
    ['1 000', 'doit être un nombre (décimales séparées par « . » ou « , »)'],
    ['745', 'doit valoir 744 au plus'],
    ['', 'est obligatoire'],
    [true, 'doit être un nombre'],
  ])('refuses the decimal %p: %s', (raw, message) => expect(hours.parse(raw)).toEqual({ error: message }));

  it('takes an empty cell as no value when the field is optional', () => {
    expect(decimal({ description: 'x' }).parse('  ')).toEqual({ value: null });
  });

  it.each([
    ['2017-03-01', '2017-03-01'],
    ['01/03/2017', '2017-03-01'],
    ['29/02/2016', '2016-02-29'],
  ])('reads the date %s', (raw, expected) => expect(parseDate(raw)).toBe(expected));

  it.each(['2017-02-29', '31/04/2017', '2017-3-1', '03/01/17'])('refuses the date %s', (raw) => {
    expect(date({ description: 'd' }).parse(raw)).toEqual({ error: 'doit être une date AAAA-MM-JJ ou JJ/MM/AAAA valide' });
  });

  it('reads a month as its first day, and refuses a month 13', () => {
    expect(month({ description: 'm' }).parse('2017-09')).toEqual({ value: '2017-09-01' });
    expect(month({ description: 'm' }).parse('2017-13')).toEqual({ error: 'doit être un mois AAAA-MM' });
  });

  it.each([
    ['oui', 'true'],
    ['NON', 'false'],
    ['1', 'true'],
    ['0', 'false'],
    [true, 'true'],
    ['false', 'false'],
  ])('reads the boolean %p', (raw, expected) => expect(boolean({ description: 'b' }).parse(raw)).toEqual({ value: expected }));

  it('refuses a boolean it cannot read', () => {
    expect(boolean({ description: 'b' }).parse('peut-être')).toEqual({ error: 'doit valoir true/false, oui/non ou 1/0' });
  });

  it('checks a SIRET’s Luhn key and ignores spaces', () => {
    const field = siret({ description: 's' });
    expect(field.parse('216 902 590 00126')).toEqual({ value: '21690259000126' });
    expect(field.parse('21690259000127')).toEqual({ error: 'doit être un SIRET valide : 14 chiffres avec une clé de contrôle correcte' });
  });

  it('reads a list from a `|`-separated cell or a JSON array, without repeats', () => {
    const publics = enumerationList(['RSA', 'DISABLED', 'OTHER'], { description: 'p', required: true });
    expect(publics.parse('RSA|DISABLED|RSA')).toEqual({ value: 'RSA|DISABLED' });
    expect(publics.parse(['DISABLED'])).toEqual({ value: 'DISABLED' });
    expect(publics.parse('RSA|ROBOT')).toEqual({ error: 'valeur non reconnue « ROBOT » : attendu RSA, DISABLED, OTHER' });
  });

  it('refuses a reference that would break a file', () => {
    expect(reference('r').parse('M-1;2')).toEqual({ error: 'ne doit contenir ni « ; » ni « | » ni espace en début ou en fin' });
    expect(reference('r').parse('  M17-001 ')).toEqual({ value: 'M17-001' });
  });
});
