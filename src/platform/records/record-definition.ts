import { FieldSpecs } from './fields';

/** A record's values as canonical texts (see fields.ts), keyed by the import's column names. */
export type RowValues = Record<string, string | null>;

export interface RowProblem {
  column: string;
  message: string;
}

/** A column that names another record of the structure by its natural key, resolved to that record's id. */
export interface Reference {
  column: string;
  /** SQL alias of the referenced table in the generated queries. */
  alias: string;
  table: string;
  /** The referenced table's natural key column (`ref`, `siret`). */
  key: string;
  /** This table's foreign-key column. */
  target: string;
  /** French, shown when the reference matches nothing in the structure. */
  message: string;
}

/**
 * A rule that needs other records: a SQL condition over the staged row `s` and the referenced rows (by their
 * aliases) that holds for the rows breaking the rule.
 */
export interface SetCheck {
  column: string;
  message: string;
  violatedWhen: string;
  /** A join the condition needs beyond the references (e.g. the market of a work contract). */
  join?: string;
}

/**
 * Everything the platform needs to validate, import, write, read and audit one kind of record. The import and the
 * API use the same definition, so a rule holds whichever way the data arrives.
 */
export interface RecordDefinition {
  /** The import kind and the audit trail's entity name (`markets`). */
  kind: string;
  /** French, singular (« marché »). */
  label: string;
  table: string;
  /** The CSV columns, in the order of the import contract. */
  fields: FieldSpecs;
  /** Stored columns the rules compute, not present in files. */
  derived?: FieldSpecs;
  /** The natural key's columns, unique within a structure. */
  key: string[];
  /** The table columns of the unique index the key resolves to (ON CONFLICT target). */
  conflictColumns: string[];
  references: Reference[];
  checks: SetCheck[];
  /**
   * The column naming the structure a record belongs to: `structure_id` for every structure's record; a structure
   * itself is its own (`id`), and is not staged with one.
   */
  tenantColumn?: 'structure_id' | 'id';
  /**
   * The file's name of a field, where the contract's name cannot be a column (`table`, `column` are SQL keywords):
   * headers, templates and problems use the file's name.
   */
  fileNames?: Record<string, string>;
  /**
   * The fields whose staged combinations a file replaces as a whole (a questionnaire's year and table): the
   * structure's records of those combinations that the file does not hold are deleted.
   */
  replaces?: string[];
  /**
   * Set when no check of a row reads a record of this kind (only other tables, and the file itself): a large file
   * can then be checked and merged chunk by chunk while it is still being read, since the chunks already merged
   * cannot change what the checks of the next ones find. Not for a kind that `replaces`.
   */
  mergedWhileRead?: boolean;
  /** The pure rules that need only the row itself; may complete it (a computed objective). */
  normalise(row: RowValues): { row: RowValues; problems: RowProblem[] };
}

export function isStructureOwned(definition: RecordDefinition): boolean {
  return (definition.tenantColumn ?? 'structure_id') === 'structure_id';
}

export function storedFields(definition: RecordDefinition): FieldSpecs {
  return { ...definition.fields, ...definition.derived };
}

/** The name a file gives a field. */
export function fileColumn(definition: RecordDefinition, field: string): string {
  return definition.fileNames?.[field] ?? field;
}

/** `buyer_ref` → `buyerRef`: the API's name of an import column. */
export function apiName(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
