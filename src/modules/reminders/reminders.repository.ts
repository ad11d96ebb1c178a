import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { contractRunsInMonthSql } from '../hours/hours.rules';
import { EXIT_VALIDATION_MONTHS, exitDueSql, OPEN_PATHWAY_OF_STEP_SQL } from '../plie/plie.rules';
import { DECLARATIONS_WAITING_DAYS, ENDING_BELOW_SHARE_PERCENT, ENDING_WITHIN_DAYS, MAX_DECLARATION_REMINDERS } from './reminders.rules';

export interface Recipient {
  id: string;
  email: string;
  /** The company's SIRET, or the facilitator's structure. */
  attachment: string;
  mutedKinds: string[];
}

export interface CompanyMissing {
  siret: string;
  name: string;
  contracts: number;
  markets: number;
}

export interface WatchedMarket {
  id: string;
  ref: string;
  title: string;
  structureId: string;
  startDate: string;
  endDate: string;
  objective: string;
  realised: string;
}

export interface LateCompany {
  siret: string;
  name: string;
  contracts: number;
  marketRefs: string[];
  reminders: number;
  lastReminderOn: string | null;
  hasAccount: boolean;
}

/**
 * The facts the daily reminders look for, all in SQL. A fact to tell once is claimed by inserting its reminder row
 * in the same statement that finds it (ON CONFLICT DO NOTHING … RETURNING): a run repeated, or two runs at once,
 * never tell it twice.
 */
@Injectable()
export class RemindersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Companies with contracts running in `month` (its first day) and at least one without hours for it. */
  companiesMissing(manager: EntityManager, month: string): Promise<CompanyMissing[]> {
    return manager.query(
      `SELECT c.siret, min(c.name) AS name, count(DISTINCT wc.id)::int AS contracts, count(DISTINCT wc.market_id)::int AS markets
         FROM work_contract wc JOIN company c ON c.id = wc.employer_id JOIN market m ON m.id = wc.market_id
        WHERE ${contractRunsInMonthSql('wc', 'm', '$1::date')}
          AND NOT EXISTS (SELECT 1 FROM hours_entry h WHERE h.work_contract_id = wc.id AND h.month = $1::date)
        GROUP BY c.siret ORDER BY c.siret`,
      [month],
    );
  }

  /** The days each company was reminded of a month's declaration. */
  async declarationRemindersGiven(manager: EntityManager, monthKey: string): Promise<Map<string, string[]>> {
    const rows: { subject: string; days: string[] }[] = await manager.query(
      `SELECT subject, array_agg(to_char(given_on, 'YYYY-MM-DD') ORDER BY sequence) AS days FROM reminder
        WHERE kind = 'DECLARATION_REMINDER' AND period = $1 GROUP BY subject`,
      [monthKey],
    );
    return new Map(rows.map((row) => [row.subject, row.days]));
  }

  /** Claims reminders; answers the subjects actually claimed (not given before). */
  async claim(manager: EntityManager, day: string, reminders: { kind: string; subject: string; period: string; sequence: number }[]): Promise<Set<string>> {
    if (reminders.length === 0) return new Set();
    const rows: { subject: string }[] = await manager.query(
      `INSERT INTO reminder (kind, subject, period, sequence, given_on)
       SELECT *, $5::date FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])
       ON CONFLICT (kind, subject, period, sequence) DO NOTHING RETURNING subject`,
      [reminders.map((r) => r.kind), reminders.map((r) => r.subject), reminders.map((r) => r.period), reminders.map((r) => r.sequence), day],
    );
    return new Set(rows.map((row) => row.subject));
  }

  /** Active company accounts of these SIRETs. */
  companyAccounts(manager: EntityManager, sirets: string[]): Promise<Recipient[]> {
    return manager.query(
      `SELECT id, email, siret AS attachment, muted_notification_kinds AS "mutedKinds" FROM user_account
        WHERE role = 'COMPANY' AND active AND siret = ANY($1::text[]) ORDER BY email`,
      [sirets],
    );
  }

  /** Active facilitator accounts of these structures. */
  facilitatorAccounts(manager: EntityManager, structureIds: string[]): Promise<Recipient[]> {
    return manager.query(
      `SELECT id, email, structure_id AS attachment, muted_notification_kinds AS "mutedKinds" FROM user_account
        WHERE role = 'FACILITATOR' AND active AND structure_id = ANY($1::uuid[]) ORDER BY email`,
      [structureIds],
    );
  }

  /**
   * Declarations waiting for validation for more than a week, not pointed out before: claimed one by one, counted by
   * structure with all that wait that long.
   */
  newlyWaitingDeclarations(manager: EntityManager, day: string): Promise<{ structureId: string; newly: number; waiting: number }[]> {
    const old = `h.status = 'DECLARED' AND h.updated_at < ($1::date - ${DECLARATIONS_WAITING_DAYS})::timestamp AT TIME ZONE 'Europe/Paris'`;
    return manager.query(
      `WITH claimed AS (
         INSERT INTO reminder (kind, subject, period, sequence, given_on)
         SELECT 'DECLARATIONS_WAITING', h.id::text, '', 1, $1::date FROM hours_entry h WHERE ${old}
         ON CONFLICT (kind, subject, period, sequence) DO NOTHING RETURNING subject)
       SELECT h.structure_id AS "structureId", count(*)::int AS newly,
              (SELECT count(*)::int FROM hours_entry w WHERE w.structure_id = h.structure_id AND ${old.replace(/h\./g, 'w.')}) AS waiting
         FROM claimed JOIN hours_entry h ON h.id = claimed.subject::uuid GROUP BY h.structure_id`,
      [day],
    );
  }

  /** Markets running on `day`, with their maintained figures. */
  runningMarkets(manager: EntityManager, day: string): Promise<WatchedMarket[]> {
    return manager.query(
      `SELECT m.id, m.ref, m.title, m.structure_id AS "structureId", to_char(m.start_date, 'YYYY-MM-DD') AS "startDate",
              to_char(m.end_date, 'YYYY-MM-DD') AS "endDate", f.objective::text AS objective, f.validated_hours::text AS realised
         FROM market m JOIN market_fulfilment f ON f.market_id = m.id
        WHERE m.start_date <= $1::date AND m.end_date >= $1::date ORDER BY m.id`,
      [day],
    );
  }

  /** Records each market's status of the day; answers those that were not BEHIND at the last run and are now. */
  async turnedBehind(manager: EntityManager, day: string, statuses: { marketId: string; status: string }[]): Promise<Set<string>> {
    if (statuses.length === 0) return new Set();
    const rows: { market_id: string }[] = await manager.query(
      `WITH seen AS (SELECT * FROM unnest($1::uuid[], $2::text[]) AS s (market_id, status)),
            before AS (SELECT w.market_id, w.status FROM market_watch w JOIN seen USING (market_id) FOR UPDATE OF w),
            recorded AS (INSERT INTO market_watch (market_id, status, seen_on) SELECT market_id, status, $3::date FROM seen
                         ON CONFLICT (market_id) DO UPDATE SET status = EXCLUDED.status, seen_on = EXCLUDED.seen_on)
       SELECT seen.market_id FROM seen LEFT JOIN before USING (market_id)
        WHERE seen.status = 'BEHIND' AND before.status IS DISTINCT FROM 'BEHIND'`,
      [statuses.map((s) => s.marketId), statuses.map((s) => s.status), day],
    );
    return new Set(rows.map((row) => row.market_id));
  }

  /** Markets ending within 60 days below 80 % of their objective, not pointed out before (claimed). */
  newlyEndingMarkets(manager: EntityManager, day: string): Promise<WatchedMarket[]> {
    return manager.query(
      `WITH claimed AS (
         INSERT INTO reminder (kind, subject, period, sequence, given_on)
         SELECT 'MARKET_ENDING', m.id::text, '', 1, $1::date FROM market m JOIN market_fulfilment f ON f.market_id = m.id
          WHERE m.end_date >= $1::date AND m.end_date <= $1::date + ${ENDING_WITHIN_DAYS}
            AND f.objective > 0 AND f.validated_hours * 100 < f.objective * ${ENDING_BELOW_SHARE_PERCENT}
         ON CONFLICT (kind, subject, period, sequence) DO NOTHING RETURNING subject)
       SELECT m.id, m.ref, m.title, m.structure_id AS "structureId", to_char(m.start_date, 'YYYY-MM-DD') AS "startDate",
              to_char(m.end_date, 'YYYY-MM-DD') AS "endDate", f.objective::text AS objective, f.validated_hours::text AS realised
         FROM claimed JOIN market m ON m.id = claimed.subject::uuid JOIN market_fulfilment f ON f.market_id = m.id ORDER BY m.ref`,
      [day],
    );
  }

  /** Job exits reaching six months by `day`, not pointed out before (claimed); the participant by reference only. */
  newlyDueExits(manager: EntityManager, day: string): Promise<{ stepId: string; structureId: string; participantRef: string; dueOn: string }[]> {
    return manager.query(
      `WITH claimed AS (
         INSERT INTO reminder (kind, subject, period, sequence, given_on)
         SELECT DISTINCT 'EXIT_TO_VALIDATE', st.id::text, '', 1, $1::date FROM plie_step st JOIN plie_pathway pw ON ${OPEN_PATHWAY_OF_STEP_SQL}
          WHERE ${exitDueSql('$1::date')}
         ON CONFLICT (kind, subject, period, sequence) DO NOTHING RETURNING subject)
       SELECT st.id AS "stepId", st.structure_id AS "structureId", p.ref AS "participantRef",
              to_char(st.start_date + make_interval(months => ${EXIT_VALIDATION_MONTHS}), 'YYYY-MM-DD') AS "dueOn"
         FROM claimed JOIN plie_step st ON st.id = claimed.subject::uuid JOIN participant p ON p.id = st.participant_id ORDER BY p.ref`,
      [day],
    );
  }

  /**
   * The structure's companies still missing declarations of `month` after their last reminder, or that no account can
   * receive a reminder for: the facilitator's list « déclarations en retard ».
   */
  lateCompanies(structureId: string, month: string, monthKey: string): Promise<LateCompany[]> {
    return this.dataSource.query(
      `WITH missing AS (
         SELECT c.siret, min(c.name) AS name, count(DISTINCT wc.id)::int AS contracts, array_agg(DISTINCT m.ref ORDER BY m.ref) AS "marketRefs"
           FROM work_contract wc JOIN company c ON c.id = wc.employer_id JOIN market m ON m.id = wc.market_id
          WHERE wc.structure_id = $1 AND ${contractRunsInMonthSql('wc', 'm', '$2::date')}
            AND NOT EXISTS (SELECT 1 FROM hours_entry h WHERE h.work_contract_id = wc.id AND h.month = $2::date)
          GROUP BY c.siret),
       reminded AS (
         SELECT subject AS siret, count(*)::int AS reminders, to_char(max(given_on), 'YYYY-MM-DD') AS last FROM reminder
          WHERE kind = 'DECLARATION_REMINDER' AND period = $3 GROUP BY subject)
       SELECT missing.*, coalesce(reminded.reminders, 0) AS reminders, reminded.last AS "lastReminderOn",
              EXISTS (SELECT 1 FROM user_account u WHERE u.role = 'COMPANY' AND u.active AND u.siret = missing.siret) AS "hasAccount"
         FROM missing LEFT JOIN reminded USING (siret)
        WHERE coalesce(reminded.reminders, 0) >= ${MAX_DECLARATION_REMINDERS}
           OR NOT EXISTS (SELECT 1 FROM user_account u WHERE u.role = 'COMPANY' AND u.active AND u.siret = missing.siret)
        ORDER BY missing.name`,
      [structureId, month, monthKey],
    );
  }
}
