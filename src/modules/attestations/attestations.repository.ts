import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AccessScope } from '../../platform/auth/principal';
import { COUNTED_HOURS_SQL, CREDITED_TO_AWARD_SQL, WITHIN_MARKET_PERIOD_SQL } from '../fulfilment/fulfilment.rules';
import type { AttestationFacts, AttestationFigures, AttestationMarket } from './attestations.rules';

export interface AttestationRow {
  id: string;
  code: string;
  kind: string;
  structureId: string;
  marketId: string | null;
  companySiret: string | null;
  buyerSiret: string | null;
  periodFrom: string;
  periodTo: string;
  facts: AttestationFacts;
  figuresDigest: string;
  issuedBy: string;
  issuedAt: Date;
  revokedAt: Date | null;
  revocationReason: string | null;
}

const COLUMNS = `a.id, a.code, a.kind, a.structure_id AS "structureId", a.market_id AS "marketId", a.company_siret AS "companySiret",
  a.buyer_siret AS "buyerSiret", to_char(a.period_from, 'YYYY-MM-DD') AS "periodFrom", to_char(a.period_to, 'YYYY-MM-DD') AS "periodTo",
  a.facts, a.figures_digest AS "figuresDigest", a.issued_by AS "issuedBy", a.issued_at AS "issuedAt", a.revoked_at AS "revokedAt",
  a.revocation_reason AS "revocationReason"`;

/** Who sees an attestation: its structure's facilitators, the company it is about, the buyer of its market. */
function scopeFilter(scope: AccessScope, parameter: number): { sql: string; value: string | null } {
  switch (scope.kind) {
    case 'structure':
      return { sql: `a.structure_id = $${parameter}::uuid`, value: scope.structureId };
    case 'company':
      return { sql: `a.company_siret = $${parameter}`, value: scope.siret };
    case 'buyer':
      return { sql: `a.buyer_siret = $${parameter}`, value: scope.siret };
    case 'all':
      return { sql: `$${parameter}::text IS NULL`, value: null };
  }
}

const MARKET_COLUMNS = `m.id, m.ref, m.title, b.name AS "buyerName", b.siret AS "buyerSiret", m.hours_objective::text AS objective,
  to_char(m.start_date, 'YYYY-MM-DD') AS "startDate", to_char(m.end_date, 'YYYY-MM-DD') AS "endDate"`;

@Injectable()
export class AttestationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  structureName(structureId: string): Promise<string | undefined> {
    return this.dataSource.query('SELECT name FROM structure WHERE id = $1', [structureId]).then((rows: { name: string }[]) => rows[0]?.name);
  }

  /** The company (by SIRET) as the structure knows it, if it does. */
  company(structureId: string, siret: string): Promise<{ name: string; siret: string } | undefined> {
    return this.dataSource
      .query('SELECT name, siret FROM company WHERE structure_id = $1 AND siret = $2', [structureId, siret])
      .then((rows: { name: string; siret: string }[]) => rows[0]);
  }

  /** The structure's markets the company holds an award on (one of them when `marketId` is given). */
  companyMarkets(structureId: string, siret: string, marketId: string | null): Promise<AttestationMarket[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ${MARKET_COLUMNS}
         FROM award a JOIN company c ON c.id = a.company_id AND c.siret = $2 JOIN market m ON m.id = a.market_id JOIN buyer b ON b.id = m.buyer_id
        WHERE m.structure_id = $1 AND ($3::uuid IS NULL OR m.id = $3)
        ORDER BY m.ref`,
      [structureId, siret, marketId],
    );
  }

  /** A market of the buyer (by SIRET), with its structure. */
  buyerMarket(buyerSiret: string, marketId: string): Promise<(AttestationMarket & { structureId: string }) | undefined> {
    return this.dataSource
      .query(`SELECT ${MARKET_COLUMNS}, m.structure_id AS "structureId" FROM market m JOIN buyer b ON b.id = m.buyer_id WHERE m.id = $1 AND b.siret = $2`, [marketId, buyerSiret])
      .then((rows: (AttestationMarket & { structureId: string })[]) => rows[0]);
  }

  /** Companies with an award in the structure: the choices of the issue form. */
  companiesWithAwards(structureId: string): Promise<{ siret: string; name: string; markets: { id: string; ref: string }[] }[]> {
    return this.dataSource.query(
      `SELECT c.siret, min(c.name) AS name, json_agg(DISTINCT jsonb_build_object('id', m.id, 'ref', m.ref)) AS markets
         FROM award a JOIN company c ON c.id = a.company_id JOIN market m ON m.id = a.market_id
        WHERE m.structure_id = $1 GROUP BY c.siret ORDER BY min(c.name)`,
      [structureId],
    );
  }

  /** The buyer's markets: the choices of its yearly statement. */
  buyerMarkets(buyerSiret: string): Promise<{ id: string; ref: string; title: string }[]> {
    return this.dataSource.query(`SELECT m.id, m.ref, m.title FROM market m JOIN buyer b ON b.id = m.buyer_id WHERE b.siret = $1 ORDER BY m.ref`, [buyerSiret]);
  }

  /**
   * Validated hours of the period by month, and the people who worked them: on these markets, those credited to the
   * company's awards (as its fulfilment counts them) or, without a company, all of the markets' hours.
   */
  async figures(marketIds: string[], companySiret: string | null, from: string, to: string): Promise<AttestationFigures> {
    // A semi-join: a contract credited to two awards of the company (co-contractor and subcontractor) counts once.
    const credited = companySiret
      ? `AND EXISTS (SELECT 1 FROM award a JOIN company c ON c.id = a.company_id AND c.siret = $2 WHERE a.market_id = m.id AND ${CREDITED_TO_AWARD_SQL})`
      : 'AND $2::text IS NULL';
    const rows: { month: string | null; hours: string; people: number }[] = await this.dataSource.query(
      `SELECT to_char(h.month, 'YYYY-MM') AS month, sum(${COUNTED_HOURS_SQL})::numeric(12,2)::text AS hours, count(DISTINCT wc.participant_id)::int AS people
         FROM market m JOIN work_contract wc ON wc.market_id = m.id ${credited}
         JOIN hours_entry h ON h.work_contract_id = wc.id AND h.status = 'VALIDATED' AND ${WITHIN_MARKET_PERIOD_SQL}
        WHERE m.id = ANY($1::uuid[]) AND h.month BETWEEN $3::date AND $4::date
        GROUP BY GROUPING SETS ((h.month), ())
        ORDER BY h.month NULLS LAST`,
      [marketIds, companySiret, from, to],
    );
    const total = rows.find((row) => row.month === null);
    return {
      months: rows.filter((row) => row.month !== null).map((row) => ({ month: row.month!, hours: row.hours })),
      totalHours: total?.hours ?? '0.00',
      people: total?.people ?? 0,
    };
  }

  async insert(manager: EntityManager, row: Omit<AttestationRow, 'id' | 'issuedAt' | 'revokedAt' | 'revocationReason'>): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO attestation (code, kind, structure_id, market_id, company_siret, buyer_siret, period_from, period_to, facts, figures_digest, issued_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11) RETURNING id`,
      [row.code, row.kind, row.structureId, row.marketId, row.companySiret, row.buyerSiret, row.periodFrom, row.periodTo, JSON.stringify(row.facts), row.figuresDigest, row.issuedBy],
    );
    return id;
  }

  async list(scope: AccessScope, offset: number, limit: number): Promise<[AttestationRow[], number]> {
    const filter = scopeFilter(scope, 1);
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`SELECT ${COLUMNS} FROM attestation a WHERE ${filter.sql} ORDER BY a.issued_at DESC, a.id LIMIT $2 OFFSET $3`, [filter.value, limit, offset]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM attestation a WHERE ${filter.sql}`, [filter.value]) as Promise<{ total: number }[]>,
    ]);
    return [rows, total];
  }

  get(scope: AccessScope, id: string): Promise<AttestationRow | undefined> {
    const filter = scopeFilter(scope, 2);
    return this.dataSource.query(`SELECT ${COLUMNS} FROM attestation a WHERE a.id = $1 AND ${filter.sql}`, [id, filter.value]).then((rows: AttestationRow[]) => rows[0]);
  }

  byCode(code: string): Promise<AttestationRow | undefined> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM attestation a WHERE a.code = $1`, [code]).then((rows: AttestationRow[]) => rows[0]);
  }

  /** Revokes, once: answers false when it was already revoked. */
  async revoke(id: string, userId: string, reason: string): Promise<boolean> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH revoked AS (UPDATE attestation SET revoked_at = now(), revoked_by = $2, revocation_reason = $3 WHERE id = $1 AND revoked_at IS NULL RETURNING id)
       SELECT id FROM revoked`,
      [id, userId, reason],
    );
    return rows.length > 0;
  }
}
