import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface CompanyAward {
  marketId: string;
  marketRef: string;
  title: string;
  buyerName: string;
  structureName: string;
  startDate: string;
  endDate: string;
  marketObjective: string | null;
  share: string | null;
  role: string;
  validatedHours: string;
}

export interface CompanyMonth {
  month: string;
  worked: string;
  training: string;
  people: number;
}

/** What a company reads of the markets it was awarded, in every structure that tracks them (by its SIRET). */
@Injectable()
export class CompanySpaceRepository {
  constructor(private readonly dataSource: DataSource) {}

  awards(siret: string, marketId?: string): Promise<CompanyAward[]> {
    return this.dataSource.query(
      `SELECT m.id AS "marketId", m.ref AS "marketRef", m.title, b.name AS "buyerName", s.name AS "structureName",
              to_char(m.start_date, 'YYYY-MM-DD') AS "startDate", to_char(m.end_date, 'YYYY-MM-DD') AS "endDate",
              coalesce(f.objective, m.hours_objective)::text AS "marketObjective", coalesce(a.hours_objective, a.agreed_hours)::text AS share,
              a.role, coalesce(af.validated_hours, 0)::text AS "validatedHours"
         FROM award a JOIN company c ON c.id = a.company_id AND c.siret = $1
         JOIN market m ON m.id = a.market_id JOIN buyer b ON b.id = m.buyer_id JOIN structure s ON s.id = m.structure_id
         LEFT JOIN market_fulfilment f ON f.market_id = m.id LEFT JOIN award_fulfilment af ON af.award_id = a.id
        WHERE $2::uuid IS NULL OR m.id = $2
        ORDER BY m.end_date DESC, m.ref`,
      [siret, marketId ?? null],
    );
  }

  /** The company's validated hours on one market, month by month, with the people who worked them. */
  months(siret: string, marketId: string): Promise<CompanyMonth[]> {
    return this.dataSource.query(
      `SELECT to_char(h.month, 'YYYY-MM') AS month, sum(h.hours_worked)::text AS worked, sum(h.training_hours)::text AS training,
              count(DISTINCT wc.participant_id)::int AS people
         FROM work_contract wc JOIN company c ON c.id = wc.employer_id AND c.siret = $1
         JOIN hours_entry h ON h.work_contract_id = wc.id AND h.status = 'VALIDATED'
        WHERE wc.market_id = $2
        GROUP BY h.month ORDER BY h.month`,
      [siret, marketId],
    );
  }

  async people(siret: string, marketId: string): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(DISTINCT wc.participant_id)::int AS people FROM work_contract wc JOIN company c ON c.id = wc.employer_id AND c.siret = $1 WHERE wc.market_id = $2`,
      [siret, marketId],
    );
    return (row as { people: number }).people;
  }
}
