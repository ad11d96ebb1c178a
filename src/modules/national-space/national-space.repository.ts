import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface StructureYear {
  ref: string;
  name: string;
  kind: string;
  region: string | null;
  hours: string;
  contracts: number;
  participants: number;
  markets: number;
  hoursPerContract: string | null;
  reported: boolean;
}

/** The columns a reader may sort the structures by, and the SQL of each. */
export const STRUCTURE_SORTS = {
  ref: 's.ref',
  name: 's.name',
  region: 's.region',
  hours: 'coalesce(h.hours, 0)',
  contracts: 'coalesce(c.contracts, 0)',
  participants: 'coalesce(c.participants, 0)',
  markets: 'coalesce(mk.markets, 0)',
  hoursPerContract: 'h.hours / nullif(c.contracts, 0)',
} as const;
export type StructureSort = keyof typeof STRUCTURE_SORTS;

/** Every structure's headline figures for a year, counted by PostgreSQL in one pass per table. */
@Injectable()
export class NationalSpaceRepository {
  constructor(private readonly dataSource: DataSource) {}

  structuresOfYear(year: number, sort: StructureSort, descending: boolean): Promise<StructureYear[]> {
    return this.dataSource.query(
      `WITH year AS (SELECT make_date($1, 1, 1) AS first, make_date($1 + 1, 1, 1) AS next),
            contracts AS (
              SELECT wc.structure_id, count(*)::int AS contracts, count(DISTINCT wc.participant_id)::int AS participants
                FROM work_contract wc JOIN market m ON m.id = wc.market_id, year
               WHERE wc.start_date < year.next AND coalesce(wc.end_date, m.end_date) >= year.first GROUP BY wc.structure_id),
            hours AS (
              SELECT m.structure_id, sum(f.hours) AS hours FROM market_fulfilment_month f JOIN market m ON m.id = f.market_id, year
               WHERE f.month >= year.first AND f.month < year.next GROUP BY m.structure_id),
            markets AS (
              SELECT structure_id, count(*)::int AS markets FROM market, year WHERE start_date < year.next AND end_date >= year.first GROUP BY structure_id)
       SELECT s.ref, s.name, s.kind, s.region, coalesce(h.hours, 0)::text AS hours, coalesce(c.contracts, 0) AS contracts,
              coalesce(c.participants, 0) AS participants, coalesce(mk.markets, 0) AS markets,
              round(h.hours / nullif(c.contracts, 0), 1)::text AS "hoursPerContract", (c.contracts IS NOT NULL OR h.hours IS NOT NULL) AS reported
         FROM structure s LEFT JOIN contracts c ON c.structure_id = s.id LEFT JOIN hours h ON h.structure_id = s.id LEFT JOIN markets mk ON mk.structure_id = s.id
        ORDER BY ${STRUCTURE_SORTS[sort]} ${descending ? 'DESC' : 'ASC'} NULLS LAST, s.ref`,
      [year],
    );
  }
}
