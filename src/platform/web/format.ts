/** How the web pages write numbers, dates and months: the French way. */

const HOURS = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const INTEGER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const FIGURE = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const PERCENT = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** « 1 234,50 h » from the API's decimal text (or a number); « — » when there is none. */
export function hours(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : `${HOURS.format(Number(value))} h`;
}

/** A decimal without its unit, as a form field shows it back (« 151,67 »). */
export function decimalText(value: string | null | undefined): string {
  return value === null || value === undefined ? '' : value.replace('.', ',');
}

export function integer(value: number | string | null | undefined): string {
  return value === null || value === undefined ? '—' : INTEGER.format(Number(value));
}

/** A figure as it comes, decimals kept (up to two), grouped the French way. */
export function figure(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : FIGURE.format(value);
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${PERCENT.format(value)} %`;
}

export function euros(value: string | null | undefined): string {
  return value === null || value === undefined ? '—' : `${INTEGER.format(Number(value))} €`;
}

/** « 31/03/2017 » from `2017-03-31` (or a timestamp). */
export function day(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const iso = value instanceof Date ? value.toISOString() : value;
  const [year, month, date] = iso.slice(0, 10).split('-');
  return `${date}/${month}/${year}`;
}

/** « 31/03/2017 à 14:05 », in Paris time. */
export function moment(value: string | Date | null | undefined): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(value)).replace(' ', ' à ');
}

/** « mars 2017 » from `2017-03`. */
export function monthName(value: string): string {
  const [year, month] = value.split('-');
  return `${MONTHS[Number(month) - 1]} ${year}`;
}
