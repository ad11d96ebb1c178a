import { day as frenchDay } from '../../platform/web/format';
import { escape } from '../../platform/web/jsx';
import { shiftMonth } from '../../platform/web/months';
import type { NotificationKind } from '../notifications/notifications.rules';

/** A company's hours of a month are due by this day of the next month. */
export const DECLARATION_DUE_DAY = 5;
/** Days between two reminders of one month's declaration. */
export const DECLARATION_REMINDER_INTERVAL_DAYS = 7;
/** After this many reminders, the facilitator is told instead (« déclarations en retard »). */
export const MAX_DECLARATION_REMINDERS = 3;
/** Declarations waiting longer than this for a facilitator's validation are pointed out to them. */
export const DECLARATIONS_WAITING_DAYS = 7;
/** A market ending within this many days… */
export const ENDING_WITHIN_DAYS = 60;
/** …below this share of its objective is pointed out to its facilitators. */
export const ENDING_BELOW_SHARE_PERCENT = 80;

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** The month (AAAA-MM) whose hours are being declared on `day`: the previous one. */
export function declaredMonthOf(day: string): string {
  return shiftMonth(day.slice(0, 7), -1);
}

/**
 * Which reminder of a month's declaration is due on `day`, given the days the earlier ones were given: the first from
 * the 5th, each next one a week after the last, three at most; null when none is due.
 */
export function declarationReminderDue(day: string, givenOn: string[]): number | null {
  if (Number(day.slice(8, 10)) < DECLARATION_DUE_DAY) return null;
  if (givenOn.length >= MAX_DECLARATION_REMINDERS) return null;
  if (givenOn.length === 0) return 1;
  const last = Math.max(...givenOn.map(dayNumber));
  return dayNumber(day) - last >= DECLARATION_REMINDER_INTERVAL_DAYS ? givenOn.length + 1 : null;
}

/** `day` moved by `by` days. */
export function shiftDay(day: string, by: number): string {
  return new Date((dayNumber(day) + by) * DAY_MS).toISOString().slice(0, 10);
}

/** One thing to tell one person: a notification, and a line of their day's digest. */
export interface ReminderItem {
  userId: string;
  email: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** A path of the web application. */
  link: string;
  /** The kinds the person turned off for e-mail. */
  mutedKinds: string[];
}

export interface Digest {
  subject: string;
  text: string;
  html: string;
}

/**
 * The one e-mail a person gets for a day: every item, each with the link to its page; plain text and HTML saying the
 * same. Empty when every item is of a kind the person turned off.
 */
export function digestOf(day: string, items: ReminderItem[], baseUrl: string): Digest | undefined {
  const kept = items.filter((item) => !item.mutedKinds.includes(item.kind));
  if (kept.length === 0) return undefined;
  const subject = kept.length === 1 ? `Clause Tracker — ${kept[0]!.title}` : `Clause Tracker — ${kept.length} points à suivre le ${frenchDay(day)}`;
  const footer = `Vous recevez ce courriel parce que votre compte Clause Tracker est concerné. Pour choisir les courriels que vous recevez : ${baseUrl}/compte/notifications`;
  const text = [
    'Bonjour,',
    '',
    kept.length === 1 ? 'Un point demande votre attention :' : `${kept.length} points demandent votre attention :`,
    '',
    ...kept.flatMap((item) => [`• ${item.title}`, `  ${item.body}`, `  ${baseUrl}${item.link}`, '']),
    '—',
    footer,
    '',
  ].join('\n');
  const html = [
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>',
    escape(subject),
    '</title></head><body style="font-family: Marianne, Arial, sans-serif; color: #161616">',
    '<p>Bonjour,</p>',
    `<p>${kept.length === 1 ? 'Un point demande votre attention :' : `${kept.length} points demandent votre attention :`}</p><ul>`,
    ...kept.map((item) => `<li><p><strong>${escape(item.title)}</strong><br>${escape(item.body)}<br><a href="${escape(baseUrl + item.link)}">Voir la page</a></p></li>`),
    `</ul><hr><p style="font-size: 0.875em">${escape(footer.replace(/ : http.*$/, ''))} : <a href="${escape(baseUrl)}/compte/notifications">mes courriels de notification</a>.</p>`,
    '</body></html>',
  ].join('');
  return { subject, text, html };
}
