import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, FieldProblem, InvalidError, NotFoundError } from '../http/domain-errors';
import { apiName, RecordDefinition, RowValues, storedFields } from './record-definition';
import { rawFromBody, readRow } from './record-rows';
import { Assignment, deleteSql, existingIdsSql, MergeOptions, singleRowParameters, singleRowSource, WriteEvents, WriteOutcome, writeSql } from './record-sql';
import { preparedQuery } from '../database/prepared-query';

/** Who writes: kept in the audit trail. */
export interface Actor {
  id: string | null;
  label: string;
}

export interface LineProblem {
  line: number;
  column: string;
  message: string;
}

/** A record's values as read from the API or the database, before the field parsers. */
export type RawValues = Record<string, unknown>;

export type SystemValues = Pick<MergeOptions, 'system' | 'comparedSystem' | 'updateOnlyWhen'> & { parameters?: unknown[] };

export type WriteOptions = { create: boolean; events?: WriteEvents; view?: Assignment[] } & SystemValues;

/**
 * A rule's problem as the API says it: the field under its API name, and the file's column names the message cites
 * (`ne doit pas précéder start_date`) under theirs (`startDate`).
 */
export function inApiTerms(definition: RecordDefinition, problem: { column: string; message: string }): FieldProblem {
  const columns = storedFields(definition);
  const message = problem.message.replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, (word) => (word in columns ? apiName(word) : word));
  return { champ: apiName(problem.column), message };
}

/**
 * Writes one record sent to the API through the same rules and the same SQL as the import, so the API can never
 * accept what a file would refuse. Module services call it inside their own transaction, next to their outbox event.
 */
@Injectable()
export class RecordStore {
  private readonly statements = new WeakMap<RecordDefinition, Map<string, string>>();

  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** `prepared` for a statement run again and again with the same text (a record by id), not for a list's. */
  query<T = unknown>(sql: string, parameters: unknown[], manager?: EntityManager, prepared = false): Promise<T[]> {
    const target = manager ?? this.dataSource.manager;
    return prepared ? preparedQuery<T>(target, sql, parameters) : target.query(sql, parameters);
  }

  /**
   * A record's stored values as the API shows them (what a PATCH starts from: they read back through the same
   * parsers), or undefined when out of reach.
   */
  async currentRow(manager: EntityManager, definition: RecordDefinition, id: string, structureId: string, lock = false): Promise<RawValues | undefined> {
    const outputs = Object.entries(storedFields(definition)).map(([column, spec]) => {
      const ref = definition.references.find((candidate) => candidate.column === column);
      return `${ref ? `${ref.alias}.${ref.key}` : spec.sqlOutput(`t.${column}`)} AS ${column}`;
    });
    const joins = definition.references.map((ref) => `LEFT JOIN ${ref.table} ${ref.alias} ON ${ref.alias}.id = t.${ref.target}`);
    const rows: RawValues[] = await manager.query(
      `SELECT ${outputs.join(', ')} FROM ${definition.table} t ${joins.join(' ')} WHERE t.id = $1 AND t.structure_id = $2 ${lock ? 'FOR UPDATE OF t' : ''}`,
      [id, structureId],
    );
    return rows[0];
  }

  /** Reads an API body into a row, or refuses it naming each field as the API calls it. */
  rowFromBody(definition: RecordDefinition, body: object, current?: RawValues): RowValues {
    const raw = rawFromBody(definition, body);
    const merged = current ? { ...current, ...Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined)) } : raw;
    const { row, problems } = readRow(definition, merged);
    if (problems.length > 0) throw new InvalidError(problems.map((problem) => inApiTerms(definition, problem)));
    for (const [column, spec] of Object.entries(definition.derived ?? {})) {
      const kept = spec.parse(current?.[column]);
      row[column] ??= 'value' in kept ? kept.value : null;
    }
    return row;
  }

  /**
   * Checks the row against the other records and writes it, in one statement (one round trip): a creation (`create`)
   * refuses a natural key already taken; `events` are outbox events of what was written, in the same statement.
   * Without a transaction (`manager` undefined) the statement is its own.
   */
  async write(
    manager: EntityManager | undefined,
    definition: RecordDefinition,
    structureId: string,
    row: RowValues,
    actor: Actor,
    options: WriteOptions,
  ): Promise<{ id: string; created: boolean; record?: Record<string, unknown> }> {
    const target = manager ?? this.dataSource.manager;
    const parameters = singleRowParameters(definition, structureId, row);
    const extra = options.parameters ?? [];
    const statement = this.statement(definition, options, () => {
      const actorIdParam = parameters.length + extra.length + 1;
      // System values are written `{{n}}` for the n-th of `options.parameters`, after the row's own parameters.
      const system = options.system?.map(([column, sql]): [string, string] => [column, sql.replace(/\{\{(\d+)\}\}/g, (_, n: string) => `$${parameters.length + Number(n)}`)]);
      return writeSql(definition, singleRowSource(definition), { ...options, system, actorIdParam, actorParam: actorIdParam + 1 });
    });
    const outcomes = await preparedQuery<{ outcome: WriteOutcome; column: string; message: string; id: string; record: Record<string, unknown> | null }>(
      target,
      statement,
      [...parameters, ...extra, actor.id, actor.label],
    );
    const problems = outcomes.filter((outcome) => outcome.outcome === 'problem');
    if (problems.length > 0) throw new InvalidError(problems.map((problem) => inApiTerms(definition, problem)));
    const [first] = outcomes;
    if (first?.outcome === 'conflict') {
      const key = definition.key.map((column) => `${apiName(column)} « ${row[column]} »`).join(', ');
      throw new ConflictError(`Déjà enregistré : ${definition.label} avec ${key}`);
    }
    if (first) return { id: first.id, created: first.outcome === 'created', record: first.record ?? undefined };
    // Nothing written and nothing found in the statement's snapshot: the identical record was committed meanwhile.
    const [existing] = await preparedQuery<{ id: string }>(target, existingIdsSql(definition, singleRowSource(definition)), parameters);
    return { id: existing!.id, created: false };
  }

  /**
   * A write's statement, generated once per kind of record and set of options: the options are constants of the
   * services that write, and generating the text again cost about a tenth of a millisecond per API write.
   */
  private statement(definition: RecordDefinition, options: WriteOptions, generate: () => string): string {
    let byOptions = this.statements.get(definition);
    if (!byOptions) this.statements.set(definition, (byOptions = new Map()));
    const key = JSON.stringify([options.create, options.system, options.comparedSystem, options.updateOnlyWhen, options.view, options.events?.('merged'), options.parameters?.length ?? 0]);
    let statement = byOptions.get(key);
    if (statement === undefined) byOptions.set(key, (statement = generate()));
    return statement;
  }

  /** Deletes a record of the structure, keeping its last values in the audit trail; returns them. */
  async remove(manager: EntityManager, definition: RecordDefinition, id: string, structureId: string, actor: Actor): Promise<Record<string, unknown>> {
    const rows: { row: Record<string, unknown> }[] = await manager.query(deleteSql(definition), [id, structureId, actor.id, actor.label]);
    if (!rows[0]) throw new NotFoundError(capitalise(definition.label));
    return rows[0].row;
  }
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
