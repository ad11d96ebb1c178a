import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AccessScope } from '../auth/principal';

/**
 * Restricts a query on a structure-owned table to what the scope may see: everything for national staff, one
 * structure for a facilitator, nothing for a scope that has no access through structures.
 */
export function restrictToStructure<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  scope: AccessScope,
  structureColumn: string,
): SelectQueryBuilder<T> {
  switch (scope.kind) {
    case 'all':
      return query;
    case 'structure':
      return query.andWhere(`${structureColumn} = :scopeStructureId`, { scopeStructureId: scope.structureId });
    case 'buyer':
    case 'company':
      return query.andWhere('FALSE');
  }
}
