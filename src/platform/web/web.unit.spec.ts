import { day, decimalText, hours, integer, monthName, percent } from './format';
import { recordBody } from './forms';
import { monthParameter, yearParameter } from './months';
import { localPath } from './web-request';
import { date, decimal, enumerationList, text } from '../records/fields';
import { RecordDefinition } from '../records/record-definition';

const NARROW_SPACE = '\u202f';

describe('French formats', () => {
  it('writes hours with a comma and grouped thousands, and a dash for none', () => {
    expect(hours('1234.5')).toBe(`1${NARROW_SPACE}234,50 h`);
    expect(hours('0')).toBe('0,00 h');
    expect(hours(null)).toBe('—');
    expect(decimalText('151.67')).toBe('151,67');
    expect(integer(48585)).toBe(`48${NARROW_SPACE}585`);
    expect(percent(19)).toBe('19,0 %');
  });

  it('writes dates JJ/MM/AAAA and months by name', () => {
    expect(day('2017-03-31')).toBe('31/03/2017');
    expect(day(null)).toBe('—');
    expect(monthName('2017-08')).toBe('août 2017');
  });
});

describe('form bodies', () => {
  const definition = {
    fields: {
      ref: text({ description: 'Référence', required: true }),
      amount: decimal({ description: 'Montant' }),
      start_date: date({ description: 'Début' }),
      publics: enumerationList(['RSA', 'OTHER'], { description: 'Publics' }),
    },
  } as unknown as RecordDefinition;

  it('leaves empty fields out of a creation, as a JSON client would', () => {
    expect(recordBody(definition, { ref: ' R1 ', amount: '', publics: 'RSA', _csrf: 'token' }, { change: false })).toEqual({ ref: 'R1', publics: ['RSA'] });
  });

  it('clears emptied fields in a change, and never touches the key it is told to leave', () => {
    expect(recordBody(definition, { ref: 'R2', amount: '12,5', startDate: '' }, { change: true, omit: ['ref'] })).toEqual({ amount: '12,5', startDate: null, publics: null });
  });

  it('keeps every checked box of a list', () => {
    expect(recordBody(definition, { ref: 'R3', publics: ['RSA', 'OTHER'] }, { change: false }).publics).toEqual(['RSA', 'OTHER']);
  });
});

describe('going back after logging in', () => {
  it('accepts an address of this site only', () => {
    expect(localPath('/marches?status=BEHIND')).toBe('/marches?status=BEHIND');
    expect(localPath('//evil.example/')).toBeUndefined();
    expect(localPath('/\\evil.example')).toBeUndefined();
    expect(localPath('https://evil.example')).toBeUndefined();
    expect(localPath(['/a'])).toBeUndefined();
  });
});

describe('calendar parameters of a page', () => {
  const today = new Date('2018-03-15T10:00:00Z');

  it('takes the month and the year being reported when none is asked', () => {
    expect(monthParameter(undefined, today)).toBe('2018-02');
    expect(yearParameter('', today)).toBe(2017);
    expect(yearParameter('2015', today)).toBe(2015);
  });

  it('refuses a year that is not one, naming the parameter', () => {
    for (const asked of ['deux mille', '1999', '2101', '2017.5']) {
      expect(() => yearParameter(asked, today)).toThrow(expect.objectContaining({ problems: [{ champ: 'annee', message: 'doit être une année de 2000 à 2100' }] }));
    }
    expect(() => monthParameter('2017-13', today)).toThrow(expect.objectContaining({ problems: [{ champ: 'mois', message: 'doit être un mois AAAA-MM' }] }));
  });
});
