import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { EntityManager } from 'typeorm';
import type { AccessScope, Principal } from '../auth/principal';
import { containing, searchCondition, SqlFilters } from '../database/sql-filters';
import { ForbiddenError, InvalidError, NotFoundError } from '../http/domain-errors';
import { Page, PageQuery } from '../http/pagination';
import { apiName, RecordDefinition } from './record-definition';
import { Assignment, selectSql } from './record-sql';
import { Actor, capitalise, RawValues, RecordStore, SystemValues } from './record-store';

export type RecordView = Record<string, unknown> & { id: string };

/** Paging, text search and sorting, common to every record list. */
export class RecordListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Recherche dans la référence et les libellés' })
  @IsOptional()
  @IsString({ message: 'doit être une chaîne de caractères' })
  @Length(1, 100, { message: 'doit faire de 1 à 100 caractères' })
  q?: string;

  @ApiPropertyOptional({ description: 'Tri : un champ, précédé de « - » pour l’ordre décroissant (ex. -startDate)' })
  @IsOptional()
  @Matches(/^-?[a-zA-Z]+$/, { message: 'doit être un nom de champ, précédé de « - » pour l’ordre décroissant' })
  sort?: string;
}

export interface RecordCrudOptions {
  definition: RecordDefinition;
  /** Outputs beyond the fields (SQL on `t` and the references' aliases). */
  extra?: Assignment[];
  /** What the scope may read, as conditions on `t` and the references' aliases. */
  visibility(scope: AccessScope, filters: SqlFilters): SqlFilters;
  /** Columns searched by `q`. */
  searched: string[];
  defaultSort: string;
}

export function actorOf(principal: Principal): Actor {
  return { id: principal.userId, label: principal.email };
}

/** Only a facilitator writes a structure's records, and only in its own structure. */
export function writableStructure(scope: AccessScope): string {
  if (scope.kind !== 'structure') throw new ForbiddenError('Seul un facilitateur modifie les données de sa structure');
  return scope.structureId;
}

/**
 * Listing, reading, creating, updating and deleting one kind of record, the same way for every kind: reads go through
 * the scope, writes through the record store (same rules and SQL as the import) and the audit trail. The module's
 * service adds its own filters and, in `after`, its outbox events, in the same transaction.
 */
export class RecordCrud {
  private readonly select: string;
  private readonly sortable: Map<string, string>;

  constructor(
    private readonly store: RecordStore,
    private readonly options: RecordCrudOptions,
  ) {
    this.select = selectSql(options.definition, options.extra);
    const { definition } = options;
    this.sortable = new Map([
      ...Object.entries(definition.fields).map(([column]): [string, string] => {
        const ref = definition.references.find((candidate) => candidate.column === column);
        return [apiName(column), ref ? `${ref.alias}.${ref.key}` : `t.${column}`];
      }),
      ['createdAt', 't.created_at'],
      ['updatedAt', 't.updated_at'],
    ]);
  }

  get definition(): RecordDefinition {
    return this.options.definition;
  }

  /** The outputs beyond the fields, for a write that answers the record as `get` would. */
  get view(): Assignment[] {
    return this.options.extra ?? [];
  }

  async page(scope: AccessScope, filters: SqlFilters, query: RecordListQuery): Promise<Page<RecordView>> {
    this.options.visibility(scope, filters);
    if (query.q) filters.add(searchCondition(`concat_ws(' ', ${this.options.searched.join(', ')})`, '?'), containing(query.q));
    const descending = query.sort?.startsWith('-') ?? false;
    const sortKey = query.sort?.replace(/^-/, '') ?? this.options.defaultSort;
    const sortColumn = this.sortable.get(sortKey);
    if (!sortColumn) throw InvalidError.field('sort', `champ de tri inconnu « ${sortKey} » : possibles ${[...this.sortable.keys()].join(', ')}`);
    const rows: (RecordView & { total: number })[] = await this.store.query(
      `SELECT * FROM (${this.select.replace(/^\s*SELECT /, `SELECT count(*) OVER ()::int AS total, ${sortColumn} AS sort_key, `)} ${filters.where}) page
        ORDER BY sort_key ${descending ? 'DESC' : 'ASC'} NULLS LAST, id LIMIT ${filters.next(query.pageSize)} OFFSET ${filters.next((query.page - 1) * query.pageSize)}`,
      filters.params,
    );
    const total = rows[0]?.total ?? 0;
    return { items: rows.map(({ total: _total, sort_key: _sort, ...row }) => row as RecordView), total, page: query.page, pageSize: query.pageSize };
  }

  async get(scope: AccessScope, id: string, manager?: EntityManager): Promise<RecordView> {
    const filters = this.options.visibility(scope, new SqlFilters().add('t.id = ?', id));
    const rows: RecordView[] = await this.store.query(`${this.select} ${filters.where}`, filters.params, manager, true);
    if (!rows[0]) throw new NotFoundError(capitalise(this.options.definition.label));
    return rows[0];
  }

  async create(scope: AccessScope, principal: Principal, body: object, hooks: WriteHooks = {}): Promise<RecordView> {
    const structureId = writableStructure(scope);
    const row = this.store.rowFromBody(this.definition, body);
    const id = await this.store.transaction(async (manager) => {
      const { id: created } = await this.store.write(manager, this.definition, structureId, row, actorOf(principal), { create: true, ...hooks.system });
      await hooks.after?.(manager, created, {});
      return created;
    });
    return this.get(scope, id);
  }

  /**
   * Applies a partial change: the current record, overlaid with the body, must pass every rule again. `after`
   * receives the record as it was, for events about what it used to point to (a contract moving to another market).
   */
  async update(scope: AccessScope, principal: Principal, id: string, body: object, hooks: WriteHooks & { prepare?: (current: RawValues) => RawValues } = {}): Promise<RecordView> {
    const structureId = writableStructure(scope);
    await this.store.transaction(async (manager) => {
      const current = await this.store.currentRow(manager, this.definition, id, structureId, true);
      if (!current) throw new NotFoundError(capitalise(this.definition.label));
      const row = this.store.rowFromBody(this.definition, body, hooks.prepare ? hooks.prepare({ ...current }) : current);
      await this.store.write(manager, this.definition, structureId, row, actorOf(principal), { create: false, ...hooks.system });
      await hooks.after?.(manager, id, current);
    });
    return this.get(scope, id);
  }

  async remove(scope: AccessScope, principal: Principal, id: string, after?: (manager: EntityManager, removed: Record<string, unknown>) => Promise<void>): Promise<void> {
    const structureId = writableStructure(scope);
    await this.store.transaction(async (manager) => {
      const removed = await this.store.remove(manager, this.definition, id, structureId, actorOf(principal));
      await after?.(manager, removed);
    });
  }
}

export interface WriteHooks {
  /** Columns set beyond the fields (see RecordStore.write). */
  system?: SystemValues;
  /** Runs in the write's transaction: the place for outbox events. `before` is the record as it was (empty on creation). */
  after?: (manager: EntityManager, id: string, before: RawValues) => Promise<void>;
}


/**
 * What a scope may read of a structure's records: national staff all of them, a facilitator its structure's (on
 * `alias.structure_id`), a buyer or a company what the given conditions (with `?` for its SIRET) allow, else nothing.
 */
export function scopedTo(alias: string, siretConditions: { buyer?: string; company?: string } = {}) {
  return (scope: AccessScope, filters: SqlFilters): SqlFilters => {
    switch (scope.kind) {
      case 'all':
        return filters;
      case 'structure':
        return filters.add(`${alias}.structure_id = ?`, scope.structureId);
      case 'buyer':
      case 'company': {
        const condition = siretConditions[scope.kind];
        return condition ? filters.add(condition, scope.siret) : filters.add('FALSE');
      }
    }
  };
}

export const structureVisibility = scopedTo('t');

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A list filtered on a period: the records whose period overlaps [from, to]. */
export class PeriodListQuery extends RecordListQuery {
  @ApiPropertyOptional({ description: 'Période : à partir du (AAAA-MM-JJ)' })
  @IsOptional()
  @Matches(ISO_DAY, { message: 'doit être une date AAAA-MM-JJ' })
  from?: string;

  @ApiPropertyOptional({ description: 'Période : jusqu’au (AAAA-MM-JJ)' })
  @IsOptional()
  @Matches(ISO_DAY, { message: 'doit être une date AAAA-MM-JJ' })
  to?: string;
}

/** Overlap of [start, end] (an empty end is open) with the query's period. */
export function periodFilters(query: PeriodListQuery, start = 't.start_date', end = 't.end_date'): SqlFilters {
  return new SqlFilters().when(query.from, `(${end} IS NULL OR ${end} >= ?::date)`).when(query.to, `${start} <= ?::date`);
}
