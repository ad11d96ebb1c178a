import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AccessScope } from '../../platform/auth/principal';
import { restrictToStructure } from '../../platform/database/scope';
import { containing, searchCondition } from '../../platform/database/sql-filters';
import { Structure } from './structure.entity';
import { StructureKind } from './structures.rules';

export interface StructureFilter {
  q?: string;
  kind?: StructureKind;
  offset: number;
  limit: number;
}

/** Structures, always read through the caller's scope: a facilitator reaches its own structure only. */
@Injectable()
export class StructuresRepository {
  constructor(@InjectRepository(Structure) private readonly structures: Repository<Structure>) {}

  private scoped(scope: AccessScope) {
    return restrictToStructure(this.structures.createQueryBuilder('s'), scope, 's.id');
  }

  async list(scope: AccessScope, filter: StructureFilter): Promise<[Structure[], number]> {
    const query = this.scoped(scope).orderBy('s.ref').offset(filter.offset).limit(filter.limit);
    if (filter.kind) query.andWhere('s.kind = :kind', { kind: filter.kind });
    if (filter.q) query.andWhere(searchCondition(`concat_ws(' ', s.ref, s.name)`, ':q'), { q: containing(filter.q) });
    return query.getManyAndCount();
  }

  findById(scope: AccessScope, id: string): Promise<Structure | null> {
    return this.scoped(scope).andWhere('s.id = :id', { id }).getOne();
  }

  findByRef(scope: AccessScope, ref: string): Promise<Structure | null> {
    return this.scoped(scope).andWhere('s.ref = :ref', { ref }).getOne();
  }

  async idsByRef(): Promise<Map<string, string>> {
    const rows = await this.structures.find({ select: { id: true, ref: true } });
    return new Map(rows.map((row) => [row.ref, row.id]));
  }

  existsWithRef(ref: string, exceptId?: string): Promise<boolean> {
    const query = this.structures.createQueryBuilder('s').where('s.ref = :ref', { ref });
    if (exceptId) query.andWhere('s.id <> :exceptId', { exceptId });
    return query.getExists();
  }

  insert(values: Pick<Structure, 'ref' | 'name' | 'kind' | 'region'>): Promise<Structure> {
    return this.structures.save(this.structures.create(values));
  }

  save(structure: Structure): Promise<Structure> {
    return this.structures.save(structure);
  }

  hasAccounts(id: string): Promise<boolean> {
    return this.structures.manager
      .createQueryBuilder()
      .from('user_account', 'u')
      .where('u.structure_id = :id', { id })
      .getExists();
  }

  async remove(structure: Structure): Promise<void> {
    await this.structures.delete({ id: structure.id });
  }

  /** Recounts the active facilitators of a structure from the accounts: the same result however often it runs. */
  async recomputeStaffing(manager: EntityManager, structureId: string): Promise<void> {
    await manager.query(
      `UPDATE structure s
          SET facilitator_count = (SELECT count(*) FROM user_account u
                                    WHERE u.structure_id = s.id AND u.role = 'FACILITATOR' AND u.active),
              staffing_computed_at = now()
        WHERE s.id = $1`,
      [structureId],
    );
  }
}
