import { Injectable } from '@nestjs/common';
import { AccessScope } from '../../platform/auth/principal';
import { ConflictError, NotFoundError } from '../../platform/http/domain-errors';
import { Page, pageOf } from '../../platform/http/pagination';
import { CreateStructureDto, StructureDto, StructureListQuery, UpdateStructureDto } from './dto/structure.dto';
import { Structure } from './structure.entity';
import { StructuresRepository } from './structures.repository';
import { normaliseRef } from './structures.rules';

@Injectable()
export class StructuresService {
  constructor(private readonly repository: StructuresRepository) {}

  async list(scope: AccessScope, query: StructureListQuery): Promise<Page<StructureDto>> {
    const [items, total] = await this.repository.list(scope, {
      q: query.q,
      kind: query.kind,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return pageOf(items.map(StructureDto.from), total, query);
  }

  async get(scope: AccessScope, id: string): Promise<StructureDto> {
    return StructureDto.from(await this.load(scope, id));
  }

  /** The structure a reference designates, within the scope (CLI and imports address structures by reference). */
  async getByRef(scope: AccessScope, ref: string): Promise<StructureDto> {
    const structure = await this.repository.findByRef(scope, normaliseRef(ref));
    if (!structure) throw new NotFoundError(`Structure « ${ref} »`);
    return StructureDto.from(structure);
  }

  /** Every structure's id by reference: imports and national jobs address structures by reference. */
  idsByRef(): Promise<Map<string, string>> {
    return this.repository.idsByRef();
  }

  async create(input: CreateStructureDto): Promise<StructureDto> {
    const ref = normaliseRef(input.ref);
    await this.assertRefFree(ref);
    const created = await this.repository.insert({ ref, name: input.name, kind: input.kind, region: input.region ?? null });
    return StructureDto.from(created);
  }

  async update(scope: AccessScope, id: string, input: UpdateStructureDto): Promise<StructureDto> {
    const structure = await this.load(scope, id);
    if (input.ref !== undefined) {
      structure.ref = normaliseRef(input.ref);
      await this.assertRefFree(structure.ref, id);
    }
    if (input.name !== undefined) structure.name = input.name;
    if (input.kind !== undefined) structure.kind = input.kind;
    if (input.region !== undefined) structure.region = input.region;
    return StructureDto.from(await this.repository.save(structure));
  }

  async remove(scope: AccessScope, id: string): Promise<void> {
    const structure = await this.load(scope, id);
    if (await this.repository.hasAccounts(id)) {
      throw new ConflictError('La structure a encore des comptes rattachés : désactivez-les ou rattachez-les ailleurs d’abord');
    }
    await this.repository.remove(structure);
  }

  private async load(scope: AccessScope, id: string): Promise<Structure> {
    const structure = await this.repository.findById(scope, id);
    if (!structure) throw new NotFoundError('Structure');
    return structure;
  }

  private async assertRefFree(ref: string, exceptId?: string): Promise<void> {
    if (await this.repository.existsWithRef(ref, exceptId)) {
      throw new ConflictError(`Une structure porte déjà la référence « ${ref} »`);
    }
  }
}
