import { outboxInsertSql } from '../outbox/outbox.service';
import { apiName, fileColumn, isStructureOwned, RecordDefinition, storedFields } from './record-definition';

/**
 * The SQL of records, generated from their definitions so that every kind is validated, merged and audited the same
 * way. `source` is a relation of staged rows `(line, structure_id, <every stored field as text>)`: the import's
 * temporary table, or a single request's rows unnested from parameters.
 */

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

export function stagedColumns(definition: RecordDefinition): string[] {
  return Object.keys(storedFields(definition));
}

/**
 * The relation of one row passed as one parameter per column (line 1): an API write. A single row rather than
 * unnested arrays, so that PostgreSQL estimates the prepared statement's generic plan as well as a custom one, and
 * keeps it instead of planning the statement again on every write.
 */
export function singleRowSource(definition: RecordDefinition): string {
  const columns = stagedColumns(definition).map((column, index) => `$${index + 2}::text AS ${column}`);
  return `(SELECT 1 AS line, $1::uuid AS structure_id, ${columns.join(', ')})`;
}

/** The parameters of `singleRowSource`. */
export function singleRowParameters(definition: RecordDefinition, structureId: string | null, values: Record<string, string | null>): unknown[] {
  return [structureId, ...stagedColumns(definition).map((column) => values[column] ?? null)];
}

function referenceJoins(definition: RecordDefinition): string {
  return definition.references
    .map((ref) => `LEFT JOIN ${ref.table} ${ref.alias} ON ${ref.alias}.structure_id = s.structure_id AND ${ref.alias}.${ref.key} = s.${ref.column}`)
    .join('\n');
}

/** A staged row's natural key, within its structure. */
function keyList(definition: RecordDefinition): string {
  return ['s.structure_id', ...definition.key.map((column) => `s.${column}`)].join(', ');
}

/** The natural keys that come more than once among the staged rows (one hashing pass). */
function repeatedKeys(definition: RecordDefinition, source: string): string {
  return `SELECT FROM ${source} s GROUP BY ${keyList(definition)} HAVING count(*) > 1`;
}

/**
 * Every broken rule that needs the database, as (line, column, message): unknown references and the definition's
 * own checks, all found in one pass over the rows (the messages built only for the rows breaking one), and a key
 * given twice in the same file (sought line by line only when a key is repeated, which one hashing pass tells).
 */
function checksUnion(definition: RecordDefinition, source: string): string {
  const rules = [
    ...definition.references.map((ref) => ({
      column: ref.column,
      violatedWhen: `(s.${ref.column} IS NOT NULL AND ${ref.alias}.id IS NULL)`,
      message: `${quote(ref.message)} || ' : « ' || bad.${ref.column} || ' »'`,
    })),
    ...definition.checks.map((check) => ({ column: check.column, violatedWhen: `(${check.violatedWhen})`, message: quote(check.message) })),
  ];
  const checkJoins = definition.checks.flatMap((check) => {
    if (!check.join) return [];
    // The checks share one pass: an inner join would hide rows from the others.
    if (!/^LEFT JOIN /.test(check.join)) throw new Error(`a check's join is a LEFT JOIN: ${check.join}`);
    return [check.join];
  });
  const broken = rules.length === 0
    ? []
    : [`SELECT bad.line, rule.column, rule.message FROM (
         SELECT s.line, ${definition.references.map((ref) => `s.${ref.column}, `).join('')}${rules.map((rule, index) => `${rule.violatedWhen} AS broken_${index}`).join(', ')}
           FROM ${source} s ${referenceJoins(definition)} ${checkJoins.join(' ')}
          WHERE ${rules.map((rule) => rule.violatedWhen).join(' OR ')}) bad
       CROSS JOIN LATERAL (VALUES ${rules.map((rule, index) => `(bad.broken_${index}, ${quote(rule.column)}, ${rule.message})`).join(', ')}) rule(broken, "column", message)
      WHERE rule.broken`];
  const key = keyList(definition);
  const keyNames = definition.key.map((column) => fileColumn(definition, column));
  const repeated = `SELECT line, ${quote(keyNames.at(-1)!)} AS column,
         'déjà présent ligne ' || first_line || ' : une seule ligne par ' || ${quote(keyNames.join(' + '))} AS message
    FROM (SELECT s.line, min(s.line) OVER (PARTITION BY ${key}) AS first_line FROM ${source} s
           WHERE EXISTS (${repeatedKeys(definition, source)})) repeated
   WHERE line > first_line`;
  return [...broken, repeated].join('\nUNION ALL\n');
}

/** Whether the staged rows break any rule of `checksUnion` (in `found`). */
export function anyProblemSql(definition: RecordDefinition, source: string): string {
  return `SELECT EXISTS (${checksUnion(definition, source)}) AS found`;
}

/** Whether a natural key comes twice among the staged rows (in `found`). */
export function anyRepeatedKeySql(definition: RecordDefinition, source: string): string {
  return `SELECT EXISTS (${repeatedKeys(definition, source)}) AS found`;
}

/** The problems of `checksUnion`, by line and column. */
export function checksSql(definition: RecordDefinition, source: string): string {
  return `${checksUnion(definition, source)}\nORDER BY 1, 2`;
}

/** The ids of the records already carrying the staged rows' natural keys. */
export function existingIdsSql(definition: RecordDefinition, source: string): string {
  const match = definition.conflictColumns.map((column) => `t.${column} = r.${column}`).join(' AND ');
  return `SELECT t.id FROM (${resolvedSelect(definition, source)}) r JOIN ${definition.table} t ON ${match}`;
}

/** A table column and the SQL that computes it from a staged row. */
export type Assignment = [column: string, expression: string];

function assignments(definition: RecordDefinition, system: Assignment[]): Assignment[] {
  const referenceOf = new Map(definition.references.map((ref) => [ref.column, ref]));
  const fromFields = Object.entries(storedFields(definition)).map(([column, spec]): Assignment => {
    const ref = referenceOf.get(column);
    return ref ? [ref.target, `${ref.alias}.id`] : [column, spec.sqlCast(`s.${column}`)];
  });
  return [...(isStructureOwned(definition) ? [['structure_id', 's.structure_id'] as Assignment] : []), ...fromFields, ...system];
}

function resolvedSelect(definition: RecordDefinition, source: string, system: Assignment[] = [], newIds = false): string {
  const columns = [...(newIds ? ['gen_random_uuid() AS id'] : []), ...assignments(definition, system).map(([column, expression]) => `${expression} AS ${column}`)];
  return `SELECT ${columns.join(', ')} FROM ${source} s ${referenceJoins(definition)}`;
}

/**
 * The staged rows as the table's columns (references resolved, values cast), each with a new id: what a chunked
 * import's checking connection hands to the writing one (see ChunkedMerge), in the order of `resolvedColumns`.
 */
export function resolvedRowsSql(definition: RecordDefinition, source: string): string {
  return resolvedSelect(definition, source, [], true);
}

/** The columns of `resolvedRowsSql`. */
export function resolvedColumns(definition: RecordDefinition): string[] {
  return ['id', ...assignments(definition, []).map(([column]) => column)];
}

/** A deleted record's last values, as the audit trail keeps them (shown as changes to nothing). */
function recordValues(json: string): string {
  return `jsonb_strip_nulls(${json} - 'id' - 'structure_id' - 'created_at' - 'updated_at')`;
}

/**
 * A created record's values, as the audit trail keeps them (shown as changes from nothing): the whole record rather
 * than a field-by-field diff, which would cost ten times more on a 300,000-row import; built from the columns the
 * merge wrote, which costs half of converting the whole row (`to_jsonb`) and removing keys.
 */
function writtenValues(alias: string, columns: string[]): string {
  const written = columns.filter((column) => column !== 'structure_id');
  // jsonb_build_object takes at most 100 arguments: 50 columns per call.
  const parts: string[] = [];
  for (let start = 0; start < written.length; start += 50) {
    parts.push(`jsonb_build_object(${written.slice(start, start + 50).map((column) => `${quote(column)}, ${alias}.${column}`).join(', ')})`);
  }
  return `jsonb_strip_nulls(${parts.join(' || ')})`;
}

export interface MergeOptions {
  /** Columns the platform sets beyond the fields (an hours entry's status…), with their SQL. */
  system?: Assignment[];
  /** System columns whose change alone makes a row "updated" (a declared entry becoming validated). */
  comparedSystem?: string[];
  /**
   * A condition on the stored row `t` without which it is left as it is (a company's declaration never replaces
   * validated hours). It is evaluated on the row's latest version, under its lock, so it holds under any interleaving.
   */
  updateOnlyWhen?: string;
  /** Parameter numbers of the actor's id and label for the audit trail; `{{actorId}}` in system SQL is the former. */
  actorIdParam: number;
  actorParam: number;
  /** The source holds resolved rows (`resolvedRowsSql`), not staged ones: nothing to join or cast. */
  resolvedSource?: boolean;
  /**
   * Parameter number of the import writing the rows, if an import does: the records it creates carry its id
   * (`created_by_import`) and get no audit row, their trail starting with the import record; updates stay audited.
   */
  importIdParam?: number;
}

/**
 * What an import's merge keeps of each written row: a created one (no audit row) only that it was created, so that
 * a whole file's creations stay a narrow list in memory; an updated one its id, tenant, and new and old values.
 */
function importReturning(tenant: string): string {
  const updated = (value: string) => `CASE WHEN old.id IS NOT NULL THEN ${value} END`;
  return `old.id IS NULL AS created, ${updated('t.id')} AS id, ${updated(`t.${tenant}`)} AS tenant, ${updated('to_jsonb(t)')} AS new_row, to_jsonb(old) AS old_row`;
}

/**
 * The CTEs that insert new records, update changed ones and leave identical ones alone, each insert and update
 * written to the audit trail with its old and new values: `merged` holds the written rows, `created` and `old_row`
 * (an import's merge less of each, see `importReturning`).
 * The old values are the row the update replaced (`RETURNING old`, PostgreSQL 18), read under its lock: a statement
 * that waited for a concurrent write records that write's values, not the ones its snapshot showed. `guard`, a
 * condition, lets a write statement merge nothing (when its checks found problems).
 */
function mergeCtes(definition: RecordDefinition, source: string, options: MergeOptions, guard = 'TRUE'): string {
  const system = (options.system ?? []).map(([column, sql]): Assignment => [column, sql.replaceAll('{{actorId}}', `$${options.actorIdParam}::uuid`)]);
  const columns = assignments(definition, system).map(([column]) => column);
  const conflict = new Set(definition.conflictColumns);
  const updatable = columns.filter((column) => !conflict.has(column) && column !== 'structure_id');
  const compared = updatable.filter((column) => !system.some(([name]) => name === column) || options.comparedSystem?.includes(column));
  const onlyWhen = options.updateOnlyWhen ? ` AND (${options.updateOnlyWhen})` : '';
  const byImport = options.importIdParam !== undefined;
  const tenant = definition.tenantColumn ?? 'structure_id';
  const inserted = options.resolvedSource ? ['id', ...columns] : columns;
  const src = options.resolvedSource
    ? `SELECT ${['s.*', ...system.map(([column, sql]) => `${sql} AS ${column}`)].join(', ')} FROM ${source} s`
    : resolvedSelect(definition, source, system);
  return `
    src AS (${src} WHERE ${guard}),
    merged AS (
      INSERT INTO ${definition.table} AS t (${inserted.join(', ')}${byImport ? ', created_by_import' : ''})
      SELECT ${inserted.join(', ')}${byImport ? `, $${options.importIdParam}::bigint` : ''} FROM src
      ON CONFLICT (${definition.conflictColumns.join(', ')}) DO UPDATE
         SET ${updatable.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}, updated_at = now()
       WHERE (${compared.map((column) => `t.${column}`).join(', ')}) IS DISTINCT FROM (${compared.map((column) => `EXCLUDED.${column}`).join(', ')})${onlyWhen}
      RETURNING ${byImport ? importReturning(tenant) : 't.*, old.id IS NULL AS created, to_jsonb(old) AS old_row'}
    ),
    audited AS (
      INSERT INTO audit_entry (structure_id, entity, entity_id, action, actor_id, actor, changes)
      ${
        byImport
          ? `SELECT m.tenant, ${quote(definition.kind)}, m.id, 'UPDATE', $${options.actorIdParam}::uuid, $${options.actorParam}, audit_changes(m.old_row, m.new_row)
        FROM merged m WHERE NOT m.created`
          : `SELECT m.${tenant}, ${quote(definition.kind)}, m.id, CASE WHEN m.created THEN 'CREATE' ELSE 'UPDATE' END,
             $${options.actorIdParam}::uuid, $${options.actorParam},
             CASE WHEN m.created THEN ${writtenValues('m', columns)} ELSE audit_changes(m.old_row, to_jsonb(m) - 'created' - 'old_row') END
        FROM merged m`
      }
    )`;
}

/** Merges a whole staged file in one statement (see `mergeCtes`); answers how many rows were inserted and updated. */
export function mergeSql(definition: RecordDefinition, source: string, options: MergeOptions): string {
  return `WITH ${mergeCtes(definition, source, options)}
    SELECT count(*) FILTER (WHERE created)::int AS inserted, count(*) FILTER (WHERE NOT created)::int AS updated FROM merged`;
}

/**
 * The (structure, scope fields) combinations a replacing write covers: those of the staged rows, and the one named by
 * parameters from `firstParam` (structure id, then each scope field's text) even when no row holds it.
 */
function replacedScopes(definition: RecordDefinition, source: string, firstParam?: number): string {
  const fields = storedFields(definition);
  const scope = definition.replaces!;
  const named = firstParam === undefined
    ? ''
    : ` UNION SELECT $${firstParam}::uuid, ${scope.map((column, index) => fields[column]!.sqlCast(`$${firstParam + 1 + index}::text`)).join(', ')}`;
  return `SELECT DISTINCT s.structure_id, ${scope.map((column) => `${fields[column]!.sqlCast(`s.${column}`)} AS ${column}`).join(', ')} FROM ${source} s${named}`;
}

/**
 * Locks, until the end of the transaction, each scope a replacing write covers, in one order (no deadlock between two
 * writes): a concurrent replacement of the same scope waits, then its statements see this one's rows.
 */
export function lockReplacedSql(definition: RecordDefinition, source: string, firstParam?: number): string {
  const key = ['r.structure_id::text', ...definition.replaces!.map((column) => `r.${column}::text`)].join(` || '|' || `);
  return `SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(${quote(definition.table)} || '|' || ${key}, 0) AS k
    FROM (${replacedScopes(definition, source, firstParam)}) r ORDER BY k) keys`;
}

/**
 * For a definition that `replaces`: deletes the structure's records of the combinations the staged rows hold that
 * are not among them, each deletion audited with the record's last values; answers how many were deleted.
 */
export function replaceSql(definition: RecordDefinition, source: string, options: { actorIdParam: number; actorParam: number; scopeParams?: number }): string {
  const fields = storedFields(definition);
  const cast = (column: string) => fields[column]!.sqlCast(`s.${column}`);
  const scope = definition.replaces!;
  const sameScope = scope.map((column) => `t.${column} = r.${column}`).join(' AND ');
  const sameKey = definition.key.map((column) => `t.${column} = ${cast(column)}`).join(' AND ');
  return `WITH replaced AS (${replacedScopes(definition, source, options.scopeParams)}),
    removed AS (
      DELETE FROM ${definition.table} t USING replaced r
       WHERE t.structure_id = r.structure_id AND ${sameScope}
         AND NOT EXISTS (SELECT 1 FROM ${source} s WHERE s.structure_id = t.structure_id AND ${sameKey})
      RETURNING t.*),
    audited AS (
      INSERT INTO audit_entry (structure_id, entity, entity_id, action, actor_id, actor, changes)
      SELECT r.structure_id, ${quote(definition.kind)}, r.id, 'DELETE', $${options.actorIdParam}::uuid, $${options.actorParam}, ${recordValues('to_jsonb(r)')}
        FROM removed r)
    SELECT count(*)::int AS deleted FROM removed`;
}

/** Background work a write asks for, in the write's statement: `select(merged)` gives (job_name, payload) rows. */
export type WriteEvents = (merged: string) => string;

export type WriteOutcome = 'problem' | 'conflict' | 'created' | 'updated' | 'unchanged';

/**
 * One API write in one statement, so that it costs one round trip: the checks, the merge guarded by them (and, for a
 * creation, by the key being free), the audit rows, the outbox events of what was written. Answers the problems, or
 * a conflict with the existing record, or the written (or unchanged) record's id and, with `view` (the extra outputs
 * of `selectSql`), the record as the API shows it.
 */
export function writeSql(definition: RecordDefinition, source: string, options: MergeOptions & { create: boolean; events?: WriteEvents; view?: Assignment[] }): string {
  const guard = `NOT EXISTS (SELECT 1 FROM problems)${options.create ? ' AND NOT EXISTS (SELECT 1 FROM existing)' : ''}`;
  const events = options.events ? `,\n    events AS (${outboxInsertSql(options.events('merged'))})` : '';
  // The written version is only in `merged`: the statement's snapshot still shows the table as it was.
  const current = `(SELECT * FROM merged WHERE id = w.id UNION ALL SELECT x.*, false, NULL::jsonb FROM ${definition.table} x WHERE x.id = w.id AND NOT EXISTS (SELECT 1 FROM merged))`;
  const record = options.view ? `(SELECT row_to_json(v) FROM (${selectSql(definition, options.view, current)}) v)` : 'NULL::json';
  return `WITH problems AS (${checksUnion(definition, source)}),
    existing AS (${existingIdsSql(definition, source)}),
    ${mergeCtes(definition, source, options, guard)}${events},
    written AS (
      SELECT id, CASE WHEN created THEN 'created' ELSE 'updated' END AS outcome FROM merged
      UNION ALL SELECT id, ${options.create ? `'conflict'` : `'unchanged'`} FROM existing
       WHERE NOT EXISTS (SELECT 1 FROM problems) AND NOT EXISTS (SELECT 1 FROM merged)
    )
    SELECT 'problem' AS outcome, line, "column", message, NULL::uuid AS id, NULL::json AS record FROM problems
    UNION ALL SELECT w.outcome, NULL, NULL, NULL, w.id, ${record} FROM written w
    ORDER BY 2, 3`;
}

/** Reads records back with their references as natural keys, under the API's names (from the table, or from rows). */
export function selectSql(definition: RecordDefinition, extra: Assignment[] = [], from = definition.table): string {
  const referenceOf = new Map(definition.references.map((ref) => [ref.column, ref]));
  const outputs = Object.entries(storedFields(definition)).map(([column, spec]) => {
    const ref = referenceOf.get(column);
    const expression = ref ? `${ref.alias}.${ref.key}` : spec.sqlOutput(`t.${column}`);
    return `${expression} AS "${apiName(column)}"`;
  });
  const joins = definition.references.map((ref) => `LEFT JOIN ${ref.table} ${ref.alias} ON ${ref.alias}.id = t.${ref.target}`);
  const extras = extra.map(([name, expression]) => `${expression} AS "${name}"`);
  return `SELECT t.id, ${[...outputs, ...extras].join(', ')},
                 to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
                 to_char(t.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt"
            FROM ${from} t ${joins.join(' ')}`;
}

/** Deletes one record and keeps its last values in the audit trail; returns the deleted row. */
export function deleteSql(definition: RecordDefinition): string {
  return `WITH removed AS (DELETE FROM ${definition.table} t WHERE t.id = $1 AND t.structure_id = $2 RETURNING t.*),
          audited AS (
            INSERT INTO audit_entry (structure_id, entity, entity_id, action, actor_id, actor, changes)
            SELECT r.structure_id, ${quote(definition.kind)}, r.id, 'DELETE', $3::uuid, $4, ${recordValues('to_jsonb(r)')}
              FROM removed r)
          SELECT to_jsonb(r) AS row FROM removed r`;
}
