/**
 * The consolidation's SQL, in one place for review. Every statement takes the year as `$1` (1 January) and `$2`
 * (31 December) and, for a structure or a buyer, the scope as `$3` (structure id, buyer SIRET). PostgreSQL does
 * all the counting; Node only receives one row per figure or per category.
 */
import type { ScopeKind } from './consolidation.rules';

/** The markets of the scope. A buyer is the same organisation in every structure when its SIRET is the same. */
function scopeMarkets(scope: ScopeKind): string {
  switch (scope) {
    case 'national':
      return 'SELECT * FROM market';
    case 'structure':
      return 'SELECT * FROM market WHERE structure_id = $3';
    case 'buyer':
      return 'SELECT m.* FROM market m JOIN buyer b ON b.id = m.buyer_id WHERE b.siret = $3';
  }
}

/** PLIE pathways exist for a structure or the nation; a buyer's report has no PLIE part. */
function scopePathwayCondition(scope: ScopeKind): string {
  switch (scope) {
    case 'national':
      return 'TRUE';
    case 'structure':
      return 'pw.structure_id = $3';
    case 'buyer':
      return 'FALSE';
  }
}

/**
 * Markets whose period overlaps the year (a market split into lots counts as its lots); contracts with at least
 * one day in the year; validated hours of the year's months, training hours only where the market counts them.
 */
function clauseBase(scope: ScopeKind): string {
  return `
  scope_market AS (${scopeMarkets(scope)}),
  counted_market AS (
    SELECT m.id, m.buyer_id, m.operation_id, m.structure_id FROM scope_market m
    WHERE m.start_date <= $2 AND m.end_date >= $1
      AND NOT EXISTS (SELECT 1 FROM market lot WHERE lot.parent_market_id = m.id)
  ),
  counted_contract AS (
    SELECT wc.id, wc.participant_id, wc.employer_id, wc.market_id, wc.kind, wc.mode, wc.start_date, wc.end_date
    FROM work_contract wc JOIN scope_market m ON m.id = wc.market_id
    WHERE wc.start_date <= $2 AND (wc.end_date IS NULL OR wc.end_date >= $1)
  ),
  counted_hours AS (
    SELECT h.work_contract_id, h.month,
           h.hours_worked + CASE WHEN m.training_counts THEN coalesce(h.training_hours, 0) ELSE 0 END AS hours
    FROM hours_entry h JOIN work_contract wc ON wc.id = h.work_contract_id JOIN scope_market m ON m.id = wc.market_id
    WHERE h.status = 'VALIDATED' AND h.month >= $1 AND h.month <= $2
  )`;
}

/** The seven headline figures of one year. Companies are one organisation nationally by SIRET. */
export function headlineSql(scope: ScopeKind): string {
  return `WITH ${clauseBase(scope)}
  SELECT
    (SELECT coalesce(sum(hours), 0)::text FROM counted_hours) AS "insertionHours",
    (SELECT count(*) FROM counted_contract)::int AS "workContracts",
    (SELECT count(DISTINCT participant_id) FROM counted_contract)::int AS "participants",
    (SELECT count(DISTINCT coalesce(b.siret, b.id::text)) FROM counted_market m JOIN buyer b ON b.id = m.buyer_id)::int AS "buyers",
    (SELECT count(DISTINCT operation_id) FROM counted_market)::int AS "operations",
    (SELECT count(*) FROM counted_market)::int AS "markets",
    (SELECT count(DISTINCT c.siret) FROM company c
      WHERE c.id IN (SELECT a.company_id FROM award a JOIN counted_market m ON m.id = a.market_id
                     UNION SELECT employer_id FROM counted_contract))::int AS "companies"`;
}

/**
 * Every breakdown but the month, one row per (breakdown, category): participants counted once per category (a
 * person in several publics counts in each), the contracts, their hours of the year. Age is at the contract start.
 */
export function breakdownsSql(scope: ScopeKind): string {
  return `WITH ${clauseBase(scope)},
  contract_hours AS (SELECT work_contract_id, sum(hours) AS hours FROM counted_hours GROUP BY work_contract_id),
  fact AS (
    SELECT c.participant_id, coalesce(ch.hours, 0) AS hours, p.publics,
      p.gender, coalesce(p.qualification_level, 'UNKNOWN') AS level,
      CASE WHEN p.qpv_resident THEN 'YES' ELSE 'NO' END AS qpv,
      coalesce(p.prescriber, 'NOT_STATED') AS prescriber,
      CASE WHEN age(c.start_date, p.birth_date) < interval '26 years' THEN 'UNDER_26'
           WHEN age(c.start_date, p.birth_date) < interval '50 years' THEN '26_TO_49' ELSE '50_AND_OVER' END AS age_band,
      b.kind AS buyer_kind, m.sector, m.legal_basis, c.mode, c.kind AS contract_kind
    FROM counted_contract c
    JOIN participant p ON p.id = c.participant_id
    JOIN scope_market m ON m.id = c.market_id
    JOIN buyer b ON b.id = m.buyer_id
    LEFT JOIN contract_hours ch ON ch.work_contract_id = c.id
  ),
  categorised AS (
    SELECT d.breakdown, d.key, f.participant_id, f.hours FROM fact f
    CROSS JOIN LATERAL (VALUES ('gender', f.gender), ('ageBand', f.age_band), ('qualificationLevel', f.level), ('qpvResident', f.qpv),
      ('prescriber', f.prescriber), ('buyerKind', f.buyer_kind), ('sector', f.sector), ('legalBasis', f.legal_basis),
      ('fulfilmentMode', f.mode), ('contractKind', f.contract_kind)) AS d(breakdown, key)
    UNION ALL
    SELECT 'public', public, f.participant_id, f.hours FROM fact f CROSS JOIN LATERAL unnest(f.publics) AS public
  ),
  -- Grouping by person first, then by category, counts distinct people with hash aggregates instead of sorts.
  per_person AS (
    SELECT breakdown, key, participant_id, count(*) AS contracts, sum(hours) AS hours FROM categorised GROUP BY breakdown, key, participant_id
  )
  SELECT breakdown, key, count(*)::int AS "participants", sum(contracts)::int AS "workContracts", coalesce(sum(hours), 0)::text AS "insertionHours"
  FROM per_person GROUP BY breakdown, key`;
}

/** By month: the contracts running that month, their participants, the hours of that month. */
export function monthsSql(scope: ScopeKind): string {
  return `WITH ${clauseBase(scope)},
  running AS (
    SELECT calendar.month, c.participant_id, count(*) AS contracts
    FROM generate_series($1::date, $2::date, interval '1 month') AS calendar(month)
    JOIN counted_contract c ON c.start_date < calendar.month + interval '1 month' AND (c.end_date IS NULL OR c.end_date >= calendar.month)
    GROUP BY calendar.month, c.participant_id
  ),
  people AS (SELECT month, count(*) AS participants, sum(contracts) AS contracts FROM running GROUP BY month),
  hours AS (SELECT month, sum(hours) AS hours FROM counted_hours GROUP BY month)
  SELECT to_char(people.month, 'YYYY-MM') AS key, people.participants::int AS "participants", people.contracts::int AS "workContracts",
         coalesce(hours.hours, 0)::text AS "insertionHours"
  FROM people LEFT JOIN hours ON hours.month = people.month`;
}

/** The PLIE pathways open at some point of the year, with the participant's situation at entry. */
function pathwaysBase(scope: ScopeKind): string {
  return `
  pathway AS (
    SELECT pw.structure_id, pw.participant_id, pw.entry_date, pw.exit_date, pw.exit_kind, pw.registered_job_seeker, pw.disabled, pw.inactivity,
      p.gender, coalesce(p.qualification_level, 'UNKNOWN') AS level,
      date_part('year', age(pw.entry_date, p.birth_date))::int AS age,
      CASE WHEN pw.rsa THEN 'rsa_recipients' WHEN pw.long_term_unemployed THEN 'long_term_unemployed' ELSE 'other' END AS public,
      pw.entry_date >= $1 AS entered,
      pw.exit_date IS NOT NULL AND pw.exit_date <= $2 AS exited,
      pw.exit_kind IN ('EMPLOYMENT', 'TRAINING', 'OTHER_POSITIVE') AS positive
    FROM plie_pathway pw JOIN participant p ON p.id = pw.participant_id
    WHERE ${scopePathwayCondition(scope)} AND pw.entry_date <= $2 AND (pw.exit_date IS NULL OR pw.exit_date >= $1)
  )`;
}

/**
 * Table 1: flows per category at entry. The public is one of RSA recipient (first), long-term unemployed or
 * other; "registered job seeker" and "disabled worker" are separate flags.
 */
export function table1Sql(scope: ScopeKind): string {
  return `WITH ${pathwaysBase(scope)},
  categorised AS (
    SELECT pathway.*, c.grp, c.category FROM pathway
    CROSS JOIN LATERAL (VALUES
      ('all', 'total'),
      ('gender', CASE gender WHEN 'M' THEN 'men' ELSE 'women' END),
      ('age', CASE WHEN age < 26 THEN 'under_26' ELSE '26_and_over' END),
      ('age_band', CASE WHEN age < 25 THEN '15_24' WHEN age < 45 THEN '25_44' WHEN age < 55 THEN '45_54' WHEN age < 65 THEN '55_64' ELSE '65_plus' END),
      ('level', level),
      ('inactivity', lower(inactivity)),
      ('public', CASE WHEN disabled THEN 'disabled_workers' END),
      ('public', CASE WHEN registered_job_seeker THEN 'registered_job_seekers' END),
      ('public', CASE WHEN public = 'other' THEN 'other_disadvantaged' ELSE public END),
      ('public', CASE WHEN registered_job_seeker AND public <> 'other' THEN public || '_registered' END)
    ) AS c(grp, category)
    WHERE c.category IS NOT NULL
  )
  SELECT grp AS "group", category,
    count(*) FILTER (WHERE entered)::int AS "entries",
    count(*)::int AS "inPathway",
    count(*) FILTER (WHERE NOT entered)::int AS "carriedOver",
    count(*) FILTER (WHERE exited AND positive)::int AS "positiveExits",
    count(*) FILTER (WHERE exited AND exit_kind = 'EMPLOYMENT')::int AS "positiveExitsEmployment",
    count(*) FILTER (WHERE exited AND exit_kind = 'TRAINING')::int AS "positiveExitsTraining",
    count(*) FILTER (WHERE exited AND NOT positive)::int AS "exitsWithoutFollowUp",
    count(*) FILTER (WHERE exited AND exit_kind = 'DROPOUT')::int AS "dropouts",
    count(*) FILTER (WHERE exited AND exit_kind = 'MOVED_DIED_RETIRED')::int AS "movedDiedRetired",
    count(*) FILTER (WHERE exited AND exit_kind = 'OTHER')::int AS "otherExits"
  FROM categorised GROUP BY grp, category`;
}

/** Table 2: the steps running during the year of the people in pathway, by kind and gender, and those people. */
export function table2Sql(scope: ScopeKind): string {
  return `WITH ${pathwaysBase(scope)},
  in_pathway AS (SELECT DISTINCT participant_id, gender FROM pathway),
  step AS (
    SELECT s.kind, ip.gender FROM plie_step s JOIN in_pathway ip ON ip.participant_id = s.participant_id
    WHERE s.start_date <= $2 AND (s.end_date IS NULL OR s.end_date >= $1)
  )
  SELECT coalesce(kind, 'ALL') AS "stepKind", count(*)::int AS "total",
         count(*) FILTER (WHERE gender = 'M')::int AS "men", count(*) FILTER (WHERE gender = 'F')::int AS "women",
         (SELECT count(*) FROM in_pathway)::int AS "participants"
  FROM step GROUP BY ROLLUP (kind)`;
}

/** Table 3: pathways that exited during the year and their mean length in months (days ÷ 30.4375). */
export function table3Sql(scope: ScopeKind): string {
  return `WITH ${pathwaysBase(scope)},
  exit AS (
    SELECT k.exit_kind, c.category, (pathway.exit_date - pathway.entry_date)::numeric / 30.4375 AS months FROM pathway
    CROSS JOIN LATERAL (VALUES ('all_exits'), (CASE WHEN positive THEN 'positive_exits' ELSE 'exits_without_follow_up' END)) AS k(exit_kind)
    CROSS JOIN LATERAL (VALUES ('total'), (CASE gender WHEN 'M' THEN 'men' ELSE 'women' END), (public),
      (CASE WHEN age < 26 THEN 'under_26' ELSE '26_and_over' END)) AS c(category)
    WHERE exited
  )
  SELECT exit_kind AS "exitKind", category, count(*)::int AS "pathways", round(avg(months), 2)::text AS "meanMonths"
  FROM exit GROUP BY exit_kind, category`;
}

/** The structures with data for the year in the scope: a running market or a PLIE pathway. */
export function reportingStructuresSql(scope: ScopeKind): string {
  return `WITH ${clauseBase(scope)}, ${pathwaysBase(scope)}
  SELECT s.ref, s.name FROM structure s
  WHERE s.id IN (SELECT structure_id FROM counted_market UNION SELECT structure_id FROM pathway)
  ORDER BY s.ref`;
}

/**
 * A digest of every column the consolidation reads in the scope, between `$1` (1 January of the previous year, which
 * the headline compares with) and `$2`: equal digests mean the same data, so the same figures. Order-free (a sum
 * of row hashes) so that no sort is needed.
 */
export function fingerprintSql(scope: ScopeKind): string {
  const digest = (columns: string) => `count(*)::text || ':' || coalesce(sum(hashtextextended(concat_ws('|', ${columns}), 0)::numeric), 0)::text`;
  return `WITH scope_market AS (SELECT m.* FROM (${scopeMarkets(scope)}) m WHERE m.start_date <= $2 AND m.end_date >= $1),
  scope_contract AS (
    SELECT wc.* FROM work_contract wc JOIN scope_market m ON m.id = wc.market_id
    WHERE wc.start_date <= $2 AND (wc.end_date IS NULL OR wc.end_date >= $1)
  ),
  scope_pathway AS (
    SELECT pw.* FROM plie_pathway pw
    WHERE ${scopePathwayCondition(scope)} AND pw.entry_date <= $2 AND (pw.exit_date IS NULL OR pw.exit_date >= $1)
  ),
  part(name, digest) AS (
    SELECT 'market', ${digest('m.id, m.buyer_id, m.operation_id, m.parent_market_id, m.sector, m.legal_basis, m.training_counts, m.start_date, m.end_date')} FROM scope_market m
    UNION ALL SELECT 'lot', ${digest('lot.id, lot.parent_market_id')} FROM market lot WHERE lot.parent_market_id IN (SELECT id FROM scope_market)
    UNION ALL SELECT 'buyer', ${digest('b.id, b.kind, b.siret')} FROM buyer b WHERE b.id IN (SELECT buyer_id FROM scope_market)
    UNION ALL SELECT 'award', ${digest('a.market_id, a.company_id')} FROM award a JOIN scope_market m ON m.id = a.market_id
    UNION ALL SELECT 'company', ${digest('c.id, c.siret')} FROM company c
      WHERE c.id IN (SELECT a.company_id FROM award a JOIN scope_market m ON m.id = a.market_id UNION SELECT employer_id FROM scope_contract)
    UNION ALL SELECT 'contract', ${digest('c.id, c.participant_id, c.employer_id, c.market_id, c.kind, c.mode, c.start_date, c.end_date')} FROM scope_contract c
    UNION ALL SELECT 'participant', ${digest('p.id, p.birth_date, p.gender, p.qpv_resident, p.qualification_level, p.publics, p.prescriber')} FROM participant p
      WHERE p.id IN (SELECT participant_id FROM scope_contract UNION SELECT participant_id FROM scope_pathway)
    UNION ALL SELECT 'hours', ${digest('h.work_contract_id, h.month, h.hours_worked, h.training_hours, h.status')}
      FROM hours_entry h JOIN scope_contract c ON c.id = h.work_contract_id WHERE h.month >= $1 AND h.month <= $2
    UNION ALL SELECT 'pathway', ${digest('pw.participant_id, pw.entry_date, pw.exit_date, pw.exit_kind, pw.registered_job_seeker, pw.long_term_unemployed, pw.rsa, pw.disabled, pw.inactivity')} FROM scope_pathway pw
    UNION ALL SELECT 'step', ${digest('s.participant_id, s.kind, s.start_date, s.end_date')} FROM plie_step s
      WHERE s.participant_id IN (SELECT participant_id FROM scope_pathway) AND s.start_date <= $2 AND (s.end_date IS NULL OR s.end_date >= $1)
    UNION ALL SELECT 'structure', ${digest('s.id, s.ref, s.name')} FROM structure s
  )
  SELECT md5(string_agg(name || '=' || digest, ';' ORDER BY name)) AS fingerprint FROM part`;
}
