import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../platform/records/record-store';
import { contractRunsInMonthSql, HoursStatus } from './hours.rules';

export interface ContractTarget {
  id: string;
  ref: string;
  structureId: string;
  marketId: string;
}

/** A contract running in a month, with what is recorded for it that month: a line of the monthly grid. */
export interface GridLine {
  workContractId: string;
  workContractRef: string;
  participant: string;
  employer: string;
  marketRef: string;
  hoursWorked: string | null;
  trainingHours: string | null;
  status: HoursStatus | null;
  rejectionReason: string | null;
}

/** The hours-specific reads and status changes; ordinary writes go through the record store like every record. */
@Injectable()
export class HoursRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A contract the company employs (in whichever structure), or the structure's contract for a facilitator. */
  async contract(id: string, reach: { structureId: string } | { employerSiret: string }): Promise<ContractTarget | undefined> {
    const [condition, value] = 'structureId' in reach ? ['wc.structure_id = $2', reach.structureId] : ['c.siret = $2', reach.employerSiret];
    const rows: ContractTarget[] = await this.dataSource.query(
      `SELECT wc.id, wc.ref, wc.structure_id AS "structureId", wc.market_id AS "marketId"
         FROM work_contract wc JOIN company c ON c.id = wc.employer_id WHERE wc.id = $1 AND ${condition}`,
      [id, value],
    );
    return rows[0];
  }

  /**
   * A page of the structure's contracts running in the month (as the month rule of an entry reads its period), on one
   * market or all, with how many there are in all.
   */
  async monthGrid(structureId: string, month: string, options: { marketRef?: string; offset: number; limit: number }): Promise<{ lines: GridLine[]; total: number }> {
    const rows: (GridLine & { total: number })[] = await this.dataSource.query(
      `SELECT wc.id AS "workContractId", wc.ref AS "workContractRef", concat_ws(' ', p.first_name, p.last_name) AS participant, c.name AS employer,
              m.ref AS "marketRef", h.hours_worked::text AS "hoursWorked", h.training_hours::text AS "trainingHours", h.status,
              h.rejection_reason AS "rejectionReason", count(*) OVER ()::int AS total
         FROM work_contract wc JOIN participant p ON p.id = wc.participant_id JOIN company c ON c.id = wc.employer_id
         JOIN market m ON m.id = wc.market_id AND m.structure_id = $1
         LEFT JOIN hours_entry h ON h.work_contract_id = wc.id AND h.month = $2::date
        WHERE wc.structure_id = $1 AND date_trunc('month', wc.start_date) <= $2::date AND coalesce(wc.end_date, m.end_date) >= $2::date
          AND ($3::text IS NULL OR m.ref = $3)
        ORDER BY m.ref, c.name, p.last_name, p.first_name, wc.ref
        LIMIT $4 OFFSET $5`,
      [structureId, month, options.marketRef ?? null, options.limit, options.offset],
    );
    return { lines: rows.map(({ total: _total, ...line }) => line), total: rows[0]?.total ?? 0 };
  }

  /**
   * The contracts a company employs that run in the month, in every structure, with what it declared: its monthly
   * declaration. Its workers are named as the facilitator names them to it: first name and the initial of the last.
   */
  companyMonthGrid(siret: string, month: string): Promise<GridLine[]> {
    return this.dataSource.query(
      `SELECT wc.id AS "workContractId", wc.ref AS "workContractRef",
              concat_ws(' ', p.first_name, left(p.last_name, 1) || '.') AS participant, c.name AS employer,
              m.ref AS "marketRef", h.hours_worked::text AS "hoursWorked", h.training_hours::text AS "trainingHours", h.status,
              h.rejection_reason AS "rejectionReason"
         FROM work_contract wc JOIN company c ON c.id = wc.employer_id AND c.siret = $1
         JOIN participant p ON p.id = wc.participant_id JOIN market m ON m.id = wc.market_id
         LEFT JOIN hours_entry h ON h.work_contract_id = wc.id AND h.month = $2::date
        WHERE ${contractRunsInMonthSql('wc', 'm', '$2::date')}
        ORDER BY m.ref, wc.ref`,
      [siret, month],
    );
  }

  /** The contracts among `ids` that the company employs, with their reference and structure. */
  async employedContracts(manager: EntityManager, siret: string, ids: string[]): Promise<Map<string, { ref: string; structureId: string }>> {
    const rows: { id: string; ref: string; structureId: string }[] = await manager.query(
      `SELECT wc.id, wc.ref, wc.structure_id AS "structureId" FROM work_contract wc JOIN company c ON c.id = wc.employer_id
        WHERE c.siret = $1 AND wc.id = ANY($2::uuid[])`,
      [siret, ids],
    );
    return new Map(rows.map((row) => [row.id, { ref: row.ref, structureId: row.structureId }]));
  }

  /** The structure's contracts among `ids`, with their reference. */
  async structureContracts(manager: EntityManager, structureId: string, ids: string[]): Promise<Map<string, { ref: string; structureId: string }>> {
    const rows: { id: string; ref: string }[] = await manager.query('SELECT id, ref FROM work_contract WHERE structure_id = $1 AND id = ANY($2::uuid[])', [structureId, ids]);
    return new Map(rows.map((row) => [row.id, { ref: row.ref, structureId }]));
  }

  async contractById(manager: EntityManager, id: string): Promise<ContractTarget | undefined> {
    const rows: ContractTarget[] = await manager.query(`SELECT id, ref, structure_id AS "structureId", market_id AS "marketId" FROM work_contract WHERE id = $1`, [id]);
    return rows[0];
  }

  /** An entry's status, locked until the transaction ends. */
  async lockedStatus(manager: EntityManager, id: string): Promise<HoursStatus | undefined> {
    const rows: { status: HoursStatus }[] = await manager.query('SELECT status FROM hours_entry WHERE id = $1 FOR UPDATE', [id]);
    return rows[0]?.status;
  }

  /**
   * Validates or rejects a declared entry of the structure, with the audit trail. Returns the entry's status before
   * the change and its contract's market (undefined when no such entry).
   */
  async decide(
    manager: EntityManager,
    id: string,
    structureId: string,
    decision: { status: 'VALIDATED' | 'REJECTED'; reason: string | null },
    actor: Actor,
  ): Promise<{ previousStatus: HoursStatus; changed: boolean; marketId: string } | undefined> {
    const rows: { previousStatus: HoursStatus; changed: boolean; marketId: string }[] = await manager.query(
      `WITH previous AS (SELECT * FROM hours_entry WHERE id = $1 AND structure_id = $2 FOR UPDATE),
       changed AS (
         UPDATE hours_entry h
            SET status = $3, rejection_reason = $4, validated_by = CASE WHEN $3 = 'VALIDATED' THEN $5::uuid END,
                validated_at = CASE WHEN $3 = 'VALIDATED' THEN now() END, updated_at = now()
           FROM previous p WHERE h.id = p.id AND p.status = 'DECLARED'
         RETURNING h.*),
       audited AS (
         INSERT INTO audit_entry (structure_id, entity, entity_id, action, actor_id, actor, changes)
         SELECT c.structure_id, 'hours', c.id, CASE WHEN $3 = 'VALIDATED' THEN 'VALIDATE' ELSE 'REJECT' END, $5::uuid, $6,
                audit_changes(to_jsonb(p), to_jsonb(c))
           FROM changed c JOIN previous p ON p.id = c.id)
       SELECT p.status AS "previousStatus", EXISTS (SELECT 1 FROM changed) AS changed, wc.market_id AS "marketId"
         FROM previous p JOIN work_contract wc ON wc.id = p.work_contract_id`,
      [id, structureId, decision.status, decision.reason, actor.id, actor.label],
    );
    return rows[0];
  }

  async marketOfEntry(manager: EntityManager, id: string, structureId: string): Promise<string | undefined> {
    const rows: { marketId: string }[] = await manager.query(
      'SELECT wc.market_id AS "marketId" FROM hours_entry h JOIN work_contract wc ON wc.id = h.work_contract_id WHERE h.id = $1 AND h.structure_id = $2',
      [id, structureId],
    );
    return rows[0]?.marketId;
  }
}
