import { createHash, randomBytes } from 'node:crypto';

export const ATTESTATION_KINDS = ['COMPANY', 'MARKET_YEAR'] as const;
export type AttestationKind = (typeof ATTESTATION_KINDS)[number];

/** The longest period one attestation covers, in months. */
export const MAX_ATTESTATION_MONTHS = 60;

export interface AttestationMarket {
  id: string;
  ref: string;
  title: string;
  buyerName: string;
  buyerSiret: string;
  objective: string;
  startDate: string;
  endDate: string;
}

/** The figures an attestation states: what the verification compares with the platform's figures of the day. */
export interface AttestationFigures {
  months: { month: string; hours: string }[];
  totalHours: string;
  /** People who worked validated hours in the period: a count, never an identity. */
  people: number;
}

/** Everything an attestation states, frozen when it is issued. */
export interface AttestationFacts extends AttestationFigures {
  kind: AttestationKind;
  structure: { name: string };
  company: { name: string; siret: string } | null;
  markets: AttestationMarket[];
  period: { from: string; to: string };
  issuer: { email: string; role: string };
  issuedOn: string;
}

/** The SHA-256 of the figures and of the objectives they answer, in a fixed order. */
export function figuresDigest(figures: AttestationFigures, markets: Pick<AttestationMarket, 'id' | 'objective'>[]): string {
  const canonical = JSON.stringify({
    markets: [...markets].sort((a, b) => a.id.localeCompare(b.id)).map((market) => [market.id, market.objective]),
    months: figures.months.map((month) => [month.month, month.hours]),
    totalHours: figures.totalHours,
    people: figures.people,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/** Crockford's base 32: no I, L, O or U, so a code read aloud or retyped is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new verification code: 80 random bits, 16 characters. */
export function newVerificationCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let index = 0; index < 16; index += 1) {
    code = ALPHABET[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return code;
}

/** A code as people type it (dashes, spaces, lower case, O for 0, I or L for 1): the stored form, or undefined. */
export function normaliseCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{16}$/.test(code) ? code : undefined;
}

/** `ABCD-EFGH-JKMN-PQRS`: the code as printed. */
export function formatCode(code: string): string {
  return code.match(/.{4}/g)!.join('-');
}

/** How many months from `from` to `to` (AAAA-MM), both included. */
export function monthsSpanned(from: string, to: string): number {
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  return index(to) - index(from) + 1;
}

/** The last day (AAAA-MM-JJ) of a month AAAA-MM. */
export function lastDayOf(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10);
}
