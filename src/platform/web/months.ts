import { InvalidError } from '../http/domain-errors';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `2017-12` moved by `by` months. */
export function shiftMonth(month: string, by: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number - 1 + by, 1)).toISOString().slice(0, 7);
}

/** A page's month parameter (`AAAA-MM`); when none is given, the month before `today`, the one being declared. */
export function monthParameter(asked: unknown, today: Date, name = 'mois'): string {
  if (asked === undefined || asked === '') return shiftMonth(today.toISOString().slice(0, 7), -1);
  if (typeof asked !== 'string' || !MONTH.test(asked)) throw InvalidError.field(name, 'doit être un mois AAAA-MM');
  return asked;
}

/** A page's year parameter (`AAAA`, 2000 to 2100); when none is given, the year before `today`, the one being reported. */
export function yearParameter(asked: unknown, today: Date, name = 'annee'): number {
  const year = asked === undefined || asked === '' ? today.getUTCFullYear() - 1 : Number(asked);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw InvalidError.field(name, 'doit être une année de 2000 à 2100');
  return year;
}
