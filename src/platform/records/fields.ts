import { isValidSiret } from '../validation/siret';

/**
 * The value types of record fields, defined once and used twice: to read a CSV cell (text) during an import and to
 * validate a JSON value sent to the API. Each parser returns the canonical text stored in staging (decimals with a
 * dot, ISO dates, months as their first day, lists joined by `|`) or a French message.
 */
export type Parsed = { value: string | null } | { error: string };

export interface FieldSpec {
  /** How a reader of the import contract and of the API docs knows the field. */
  description: string;
  required: boolean;
  /**
   * The field in the OpenAPI document: what a request may send (`input`: decimals as numbers or texts with « , » or
   * « . », French dates…) and what an answer holds (`output`: decimals as texts, ISO dates), with an example.
   */
  api: { input: ApiSchema; output: ApiSchema };
  values?: readonly string[];
  /** How a web form asks for it. */
  control: 'text' | 'choice' | 'choices' | 'decimal' | 'date' | 'month' | 'boolean';
  /** Reads a CSV cell or a JSON value; empty means "no value". */
  parse(raw: unknown): Parsed;
  /** The staged text, cast to the column's SQL type. */
  sqlCast(expression: string): string;
  /** The stored column, as the API and the exports show it. */
  sqlOutput(expression: string): string;
}

/** The part of an OpenAPI schema object a field describes. */
export interface ApiSchema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array';
  format?: string;
  pattern?: string;
  enum?: readonly string[];
  items?: ApiSchema;
  example?: unknown;
}

type Options = { required?: boolean; description: string; example?: unknown };

const both = (schema: ApiSchema) => ({ input: schema, output: schema });

const ok = (value: string | null): Parsed => ({ value });
const fail = (error: string): Parsed => ({ error });

function isEmpty(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

function field(options: Options, spec: Omit<FieldSpec, 'description' | 'required' | 'parse'>, read: (raw: unknown) => Parsed): FieldSpec {
  const required = options.required ?? false;
  const example = (schema: ApiSchema) => (options.example === undefined ? schema : { ...schema, example: options.example });
  return {
    ...spec,
    api: { input: example(spec.api.input), output: example(spec.api.output) },
    description: options.description,
    required,
    parse: (raw) => (isEmpty(raw) ? (required ? fail('est obligatoire') : ok(null)) : read(raw)),
  };
}

const asText = (raw: unknown): string | undefined =>
  typeof raw === 'string' ? raw.trim() : typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : undefined;

export function text(options: Options & { max?: number; pattern?: RegExp; patternMessage?: string }): FieldSpec {
  const max = options.max ?? 200;
  const api = both({ type: 'string', ...(options.pattern ? { pattern: options.pattern.source } : {}) });
  return field(options, { api, control: 'text', sqlCast: (e) => e, sqlOutput: (e) => e }, (raw) => {
    if (typeof raw !== 'string') return fail('doit être une chaîne de caractères');
    const value = raw.trim();
    if (value.length > max) return fail(`doit faire ${max} caractères au plus`);
    if (options.pattern && !options.pattern.test(value)) return fail(options.patternMessage ?? 'format non reconnu');
    return ok(value);
  });
}

/** A natural reference (`ref`): what facilitators call their records, unique within their structure. */
export const reference = (description: string, required = true, example?: string) =>
  text({ description, required, example, max: 80, pattern: /^[^\s|;,]([^|;]*[^\s|;,])?$/, patternMessage: 'ne doit contenir ni « ; » ni « | » ni espace en début ou en fin' });

export function enumeration(values: readonly string[], options: Options): FieldSpec {
  return field(options, { api: both({ type: 'string', enum: values, example: values[0] }), values, control: 'choice', sqlCast: (e) => e, sqlOutput: (e) => e }, (raw) => {
    const value = asText(raw);
    return value !== undefined && values.includes(value) ? ok(value) : fail(`doit être l’un de : ${values.join(', ')}`);
  });
}

/** Several values of a list, `|`-separated in a CSV cell, an array in JSON; stored as a PostgreSQL array. */
export function enumerationList(values: readonly string[], options: Options): FieldSpec {
  return field(
    options,
    { api: both({ type: 'array', items: { type: 'string', enum: values }, example: [values[0]] }), values, control: 'choices', sqlCast: (e) => `string_to_array(${e}, '|')`, sqlOutput: (e) => e },
    (raw) => {
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split('|') : undefined;
      if (!items) return fail('doit être une liste de valeurs');
      const cleaned = items.map((item) => (typeof item === 'string' ? item.trim() : item));
      const unknown = cleaned.filter((item) => typeof item !== 'string' || !values.includes(item));
      if (unknown.length > 0) return fail(`valeur non reconnue « ${String(unknown[0])} » : attendu ${values.join(', ')}`);
      if (cleaned.length === 0) return options.required ? fail('est obligatoire') : ok(null);
      return ok([...new Set(cleaned as string[])].join('|'));
    },
  );
}

const DECIMAL = /^(\d{1,12})(?:[.,](\d+))?$/;

/** An exact decimal, never a float: kept as text from the cell to PostgreSQL's `numeric`. */
export function decimal(options: Options & { max?: number; scale?: number }): FieldSpec {
  const scale = options.scale ?? 2;
  // Exact decimals travel as texts (a JSON number is a float), with « , » or « . »; a number is tolerated.
  const api = {
    input: { type: 'string', pattern: DECIMAL.source, example: '151,67' } as ApiSchema,
    output: { type: 'string', pattern: `^\\d+(\\.\\d{1,${scale}})?$`, example: '151.67' } as ApiSchema,
  };
  return field(options, { api, control: 'decimal', sqlCast: (e) => `${e}::numeric`, sqlOutput: (e) => `${e}::text` }, (raw) => {
    const value = asText(raw);
    if (value === undefined) return fail('doit être un nombre');
    if (value.startsWith('-')) return fail('doit être positif ou nul');
    const match = DECIMAL.exec(value);
    if (!match) return fail('doit être un nombre (décimales séparées par « . » ou « , »)');
    const [, whole, fraction = ''] = match;
    if (fraction.replace(/0+$/, '').length > scale) return fail(`doit avoir ${scale} décimales au plus`);
    const canonical = fraction ? `${whole}.${fraction}` : whole!;
    if (options.max !== undefined && Number(canonical) > options.max) return fail(`doit valoir ${options.max} au plus`);
    return ok(canonical.replace(/^0+(?=\d)/, ''));
  });
}

/** A whole number within bounds (a year). */
export function integer(options: Options & { min: number; max: number }): FieldSpec {
  return field(options, { api: both({ type: 'integer', example: options.example ?? options.min }), control: 'text', sqlCast: (e) => `${e}::int`, sqlOutput: (e) => e }, (raw) => {
    const value = asText(raw);
    if (value === undefined || !/^\d{1,9}$/.test(value)) return fail('doit être un nombre entier');
    const number = Number(value);
    if (number < options.min || number > options.max) return fail(`doit être compris entre ${options.min} et ${options.max}`);
    return ok(String(number));
  });
}

export const percentage = (description: string) => decimal({ description, max: 100 });

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FRENCH_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** `YYYY-MM-DD` or `DD/MM/YYYY`, checked against the calendar. */
export function parseDate(value: string): string | undefined {
  const iso = ISO_DATE.exec(value);
  const french = iso ? undefined : FRENCH_DATE.exec(value);
  const parts = iso ? [iso[1], iso[2], iso[3]] : french ? [french[3], french[2], french[1]] : undefined;
  if (!parts) return undefined;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${parts[0]}-${parts[1]}-${parts[2]}`;
}

export function date(options: Options): FieldSpec {
  return field(
    options,
    {
      api: {
        input: { type: 'string', pattern: `${ISO_DATE.source}|${FRENCH_DATE.source}`, example: '2017-03-01' },
        output: { type: 'string', format: 'date', example: '2017-03-01' },
      },
      control: 'date',
      sqlCast: (e) => `${e}::date`,
      sqlOutput: (e) => `to_char(${e}, 'YYYY-MM-DD')`,
    },
    (raw) => {
      const value = typeof raw === 'string' ? parseDate(raw.trim()) : undefined;
      return value ? ok(value) : fail('doit être une date AAAA-MM-JJ ou JJ/MM/AAAA valide');
    },
  );
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A calendar month `YYYY-MM`, stored as its first day. */
export function month(options: Options): FieldSpec {
  return field(
    options,
    { api: both({ type: 'string', pattern: MONTH.source, example: '2017-09' }), control: 'month', sqlCast: (e) => `${e}::date`, sqlOutput: (e) => `to_char(${e}, 'YYYY-MM')` },
    (raw) => {
      const match = typeof raw === 'string' ? MONTH.exec(raw.trim()) : null;
      return match ? ok(`${match[1]}-${match[2]}-01`) : fail('doit être un mois AAAA-MM');
    },
  );
}

const TRUE_WORDS = new Set(['true', 'oui', '1']);
const FALSE_WORDS = new Set(['false', 'non', '0']);

export function boolean(options: Options): FieldSpec {
  return field(options, { api: both({ type: 'boolean', example: true }), control: 'boolean', sqlCast: (e) => `${e}::boolean`, sqlOutput: (e) => e }, (raw) => {
    const word = typeof raw === 'boolean' ? String(raw) : typeof raw === 'string' ? raw.trim().toLowerCase() : '';
    if (TRUE_WORDS.has(word)) return ok('true');
    if (FALSE_WORDS.has(word)) return ok('false');
    return fail('doit valoir true/false, oui/non ou 1/0');
  });
}

export function siret(options: Options): FieldSpec {
  const api = {
    input: { type: 'string', example: '21690259000126' } as ApiSchema,
    output: { type: 'string', pattern: '^\\d{14}$', example: '21690259000126' } as ApiSchema,
  };
  return field(options, { api, control: 'text', sqlCast: (e) => e, sqlOutput: (e) => e }, (raw) => {
    const value = typeof raw === 'string' ? raw.replace(/\s/g, '') : '';
    return isValidSiret(value) ? ok(value) : fail('doit être un SIRET valide : 14 chiffres avec une clé de contrôle correcte');
  });
}

export type FieldSpecs = Record<string, FieldSpec>;
