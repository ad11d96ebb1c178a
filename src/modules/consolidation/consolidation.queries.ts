/**
 * The consolidation's SQL, in one place for review. A run first copies the scope's rows it reads (`…StagingSql`,
 * parameters `$1` = 1 January, `$2` = 31 December, `$3` = structure id or buyer SIRET; the PLIE pathways of the three
 * years before too) into temporary tables, with the hashes of the data fingerprint, so that each figure's statement
 * scans those rows instead of joining the whole database again. Every figure's statement then takes the year as `$1`
 * (1 January) and `$2` (31 December). PostgreSQL does all the counting; Node only receives one row per figure or per
 * category.
 */
import type { ScopeKind } from './consolidation.rules';

/** The markets of the scope. A buyer is the same organisation in every structure when its SIRET is the same. */
function scopeMarketCondition(scope: ScopeKind): string {
  switch (scope) {
    case 'national':
      return 'TRUE';
    case 'structure':
      return 'm.structure_id = $3';
    case 'buyer':
      return 'b.siret = $3';
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

/** What a lane stages of a year: everything the clause figures read, or only what the headline reads. */
export type ClauseStaging = 'figures' | 'headline';

/**
 * The hash of the versions of the rows read (each by its `xmin`, the transaction that wrote that version), for the
 * data fingerprint. A row's version changes whenever the row is written, so equal sums of these hashes (with equal
 * counts) mean the same rows read; hashing a version costs a fraction of hashing a row's content. `content`: values
 * hashed as they are: those derived from rows consulted without being read (a market's lots), and what is read of a
 * participant (the identities of people inactive for five years are erased, which changes no data the figures read).
 */
const versionHash = (aliases: string[], content: string[] = []) =>
  `hash_record_extended(ROW(${[...aliases.map((alias) => `${alias}.xmin`), ...content].join(', ')}), 0)`;

/** A part of the data fingerprint: its rows counted and their hashes summed, order-free so that nothing is sorted. */
const digest = (hash: string) => `count(*)::text || ':' || coalesce(sum(${hash}), 0)::text`;

/** What the consolidation reads of a participant (`p`) beside a contract or a pathway. */
const PARTICIPANT_READ = ['p.gender', 'p.qualification_level', 'p.birth_date'];
const PARTICIPANT_READ_WITH_CONTRACT = [...PARTICIPANT_READ, 'p.qpv_resident', 'p.prescriber', 'p.publics'];

/**
 * The scope's markets, contracts, awards and counted hours (validated; training hours only where the market counts
 * them) of the year, in temporary tables dropped at the end of the lane's transaction, each row with the hash of the
 * versions it was built from. For the headline alone (the previous year's), contracts go without their participant's
 * attributes and the hours are one total.
 */
export function clauseStagingSql(scope: ScopeKind, staging: ClauseStaging = 'figures'): string[] {
  const figures = staging === 'figures';
  // A contract carries what the figures read of its market, of its participant and of its employer: the breakdowns
  // then read no other table.
  const participant = figures
    ? `, m.sector, m.legal_basis, b.kind, p.gender, coalesce(p.qualification_level, 'UNKNOWN'), CASE WHEN p.qpv_resident THEN 'YES' ELSE 'NO' END,
            coalesce(p.prescriber, 'NOT_STATED'), p.publics,
            CASE WHEN age(wc.start_date, p.birth_date) < interval '26 years' THEN 'UNDER_26'
                 WHEN age(wc.start_date, p.birth_date) < interval '50 years' THEN '26_TO_49' ELSE '50_AND_OVER' END`
    : '';
  const counted = `h.hours_worked + CASE WHEN c.training_counts THEN coalesce(h.training_hours, 0) ELSE 0 END`;
  // The entries' hashes are summed for the data fingerprint in the pass that sums their hours (a contract's market
  // is in its contract's hash).
  const entries = `FROM hours_entry h JOIN consolidation_contract c ON c.id = h.work_contract_id
       WHERE h.status = 'VALIDATED' AND h.month >= $1 AND h.month <= $2`;
  return [
    // A market carries what the headline and the structures read of it; what the breakdowns read goes with its contracts.
    `CREATE TEMP TABLE consolidation_market (id uuid, operation_id uuid, structure_id uuid, start_date date, end_date date, buyer_key text,
       has_lots boolean, hash bigint) ON COMMIT DROP`,
    // A lot belongs to its market's operation (lots recorded before they took it count there too).
    `INSERT INTO consolidation_market
     SELECT m.id, coalesce(m.operation_id, parent.operation_id), m.structure_id, m.start_date, m.end_date, coalesce(b.siret, b.id::text),
            lots.has_lots, ${versionHash(['m', 'b', 'parent'], ['lots.has_lots'])}
     FROM market m JOIN buyer b ON b.id = m.buyer_id LEFT JOIN market parent ON parent.id = m.parent_market_id
     CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM market lot WHERE lot.parent_market_id = m.id) AS has_lots) lots
     WHERE ${scopeMarketCondition(scope)} AND m.start_date <= $2 AND m.end_date >= $1`,
    `CREATE TEMP TABLE consolidation_contract (id uuid, participant_id uuid, employer_siret text, kind text,
       mode text, start_date date, end_date date, training_counts boolean
       ${figures ? ', sector text, legal_basis text, buyer_kind text, gender text, level text, qpv text, prescriber text, publics text[], age_band text' : ''},
       hash bigint) ON COMMIT DROP`,
    `INSERT INTO consolidation_contract
     SELECT wc.id, wc.participant_id, e.siret, wc.kind, wc.mode, wc.start_date, wc.end_date, m.training_counts${participant},
            ${versionHash(['wc', 'm', 'b', 'e'], figures ? PARTICIPANT_READ_WITH_CONTRACT : [])}
     FROM work_contract wc JOIN market m ON m.id = wc.market_id JOIN buyer b ON b.id = m.buyer_id
     ${figures ? 'JOIN participant p ON p.id = wc.participant_id ' : ''}JOIN company e ON e.id = wc.employer_id
     WHERE ${scopeMarketCondition(scope)} AND wc.start_date <= $2 AND (wc.end_date IS NULL OR wc.end_date >= $1)`,
    // Unique, built once the rows are in: knowing each contract once (the staged rows have no statistics), the planner
    // hashes the contracts, a tenth of the hours entries, to join the entries to them.
    `CREATE UNIQUE INDEX ON consolidation_contract (id)`,
    `CREATE TEMP TABLE consolidation_award (market_id uuid, siret text, hash bigint) ON COMMIT DROP`,
    `INSERT INTO consolidation_award
     SELECT a.market_id, c.siret, ${versionHash(['a', 'c'])}
     FROM award a JOIN consolidation_market m ON m.id = a.market_id JOIN company c ON c.id = a.company_id`,
    // Hours are only ever summed by contract or by month, or in all for the headline alone (a row without contract).
    `CREATE TEMP TABLE consolidation_hours (work_contract_id uuid, hours numeric, digest numeric) ON COMMIT DROP`,
    ...(figures
      ? [
          `CREATE TEMP TABLE consolidation_month (month date, hours numeric) ON COMMIT DROP`,
          // One hashed pass over the entries with two grouping sets: by contract, and by month.
          `WITH grouped AS MATERIALIZED (
             SELECT h.work_contract_id, h.month, sum(${counted}) AS hours, sum(${versionHash(['h'])}) AS digest
             ${entries}
             GROUP BY GROUPING SETS ((h.work_contract_id), (h.month))
           ),
           by_month AS (INSERT INTO consolidation_month SELECT month, hours FROM grouped WHERE month IS NOT NULL)
           INSERT INTO consolidation_hours SELECT work_contract_id, hours, digest FROM grouped WHERE work_contract_id IS NOT NULL`,
        ]
      : [`INSERT INTO consolidation_hours SELECT NULL, sum(${counted}), sum(${versionHash(['h'])}) ${entries}`]),
  ];
}

/** The years before the report's year that the several-year tables cover (Table 1BIS, rates, cumulative results). */
export const EARLIER_YEARS = 3;

/** A pathway's public at entry (`pw`): RSA recipient first, then long-term unemployed, else other. */
const PUBLIC_AT_ENTRY = `CASE WHEN pw.rsa THEN 'rsa_recipients' WHEN pw.long_term_unemployed THEN 'long_term_unemployed' ELSE 'other' END`;

/** The exit details the consolidation reads (Tables 8 and 9). */
const EXIT_DETAILS = [
  'employer_naf_section', 'employer_type', 'employer_size_band', 'exit_contract', 'exit_measure',
  'training_domain', 'training_level', 'training_certification', 'training_start_date', 'training_end_date',
];

/**
 * The scope's PLIE pathways open at some point of Y−3…Y (the several-year tables read the four years; the year's
 * tables keep those open during Y), with the participant's situation at entry, the exit's details and the digest of
 * the rows read (pathway and participant), in a temporary table: the pathways are joined to their participants once.
 * The public is one of RSA recipient (first), long-term unemployed or other.
 */
export function pathwayStagingSql(scope: ScopeKind): string[] {
  return [
    `CREATE TEMP TABLE consolidation_pathway (structure_id uuid, participant_id uuid, entry_date date, exit_date date, exit_kind text,
       registered_job_seeker boolean, disabled boolean, inactivity text, gender text, level text, age int, public text,
       employer_naf_section text, employer_type text, employer_size_band text, exit_contract text, exit_measure text,
       training_domain text, training_level text, training_certification text, training_start_date date, training_end_date date,
       hash bigint) ON COMMIT DROP`,
    `INSERT INTO consolidation_pathway
     SELECT pw.structure_id, pw.participant_id, pw.entry_date, pw.exit_date, pw.exit_kind, pw.registered_job_seeker, pw.disabled, pw.inactivity,
            p.gender, coalesce(p.qualification_level, 'UNKNOWN'), date_part('year', age(pw.entry_date, p.birth_date))::int,
            ${PUBLIC_AT_ENTRY},
            ${EXIT_DETAILS.map((column) => `pw.${column}`).join(', ')},
            ${versionHash(['pw'], PARTICIPANT_READ)}
     FROM plie_pathway pw JOIN participant p ON p.id = pw.participant_id
     WHERE ${scopePathwayCondition(scope)} AND pw.entry_date <= $2 AND (pw.exit_date IS NULL OR pw.exit_date >= ($1::date - interval '${EARLIER_YEARS} years')::date)`,
  ];
}

/** The structures of the scope (a PLIE's questionnaire is its structure's). */
function scopeStructureCondition(scope: ScopeKind): string {
  return scope === 'structure' ? 'f.structure_id = $3' : scope === 'national' ? 'TRUE' : 'FALSE';
}

/** The scope's declared questionnaire figures of the year and the three before, in a temporary table. */
export function questionnaireStagingSql(scope: ScopeKind): string[] {
  return [
    `CREATE TEMP TABLE consolidation_questionnaire (structure_id uuid, year int, questionnaire_table text, item text, measure text, value numeric,
       hash bigint) ON COMMIT DROP`,
    `INSERT INTO consolidation_questionnaire
     SELECT f.structure_id, f.year, f.questionnaire_table, f.item, f.measure, f.value, ${versionHash(['f'])} FROM plie_annual_figure f
     WHERE ${scopeStructureCondition(scope)} AND f.year BETWEEN date_part('year', $1::date)::int - ${EARLIER_YEARS} AND date_part('year', $2::date)::int`,
  ];
}

/**
 * Markets whose period overlaps the year (a market split into lots counts as its lots); contracts with at least
 * one day in the year; the counted hours of the year, by contract.
 */
const CLAUSE_BASE = `
  counted_market AS (SELECT * FROM consolidation_market WHERE start_date <= $2 AND end_date >= $1 AND NOT has_lots),
  counted_contract AS (SELECT * FROM consolidation_contract WHERE start_date <= $2 AND (end_date IS NULL OR end_date >= $1)),
  counted_hours AS (SELECT work_contract_id, hours FROM consolidation_hours)`;

/** The seven headline figures of one year. Companies are one organisation nationally by SIRET. */
export function headlineSql(): string {
  // Distinct values counted from hashed DISTINCT subqueries: count(DISTINCT …) would sort each column. The markets
  // and contracts are read several times: only the columns counted are kept.
  return `WITH ${CLAUSE_BASE},
  market AS (SELECT id, buyer_key, operation_id FROM counted_market),
  contract AS (SELECT participant_id, employer_siret FROM counted_contract)
  SELECT
    (SELECT coalesce(sum(hours), 0)::text FROM counted_hours) AS "insertionHours",
    (SELECT count(*) FROM contract)::int AS "workContracts",
    (SELECT count(*) FROM (SELECT DISTINCT participant_id FROM contract) d)::int AS "participants",
    (SELECT count(*) FROM (SELECT DISTINCT buyer_key FROM market) d)::int AS "buyers",
    (SELECT count(*) FROM (SELECT DISTINCT operation_id FROM market WHERE operation_id IS NOT NULL) d)::int AS "operations",
    (SELECT count(*) FROM market)::int AS "markets",
    (SELECT count(*) FROM (SELECT a.siret FROM consolidation_award a JOIN market m ON m.id = a.market_id
                           UNION SELECT employer_siret FROM contract) d)::int AS "companies"`;
}

/**
 * Every breakdown but the month, one row per (breakdown, category): participants counted once per category (a
 * person in several publics counts in each), the contracts, their hours of the year. Age is at the contract start.
 */
export function breakdownsSql(): string {
  return `WITH ${CLAUSE_BASE},
  fact AS (
    SELECT c.participant_id, coalesce(h.hours, 0) AS hours, c.publics, c.gender, c.level, c.qpv, c.prescriber, c.age_band,
      c.buyer_kind, c.sector, c.legal_basis, c.mode, c.kind AS contract_kind
    FROM counted_contract c
    LEFT JOIN counted_hours h ON h.work_contract_id = c.id
  ),
  -- The contract's categories may differ between a person's contracts: a person counts once in each category
  -- where they have a contract.
  by_contract AS (
    SELECT CASE WHEN GROUPING(age_band) = 0 THEN 'ageBand' WHEN GROUPING(buyer_kind) = 0 THEN 'buyerKind' WHEN GROUPING(sector) = 0 THEN 'sector'
                WHEN GROUPING(legal_basis) = 0 THEN 'legalBasis' WHEN GROUPING(mode) = 0 THEN 'fulfilmentMode' ELSE 'contractKind' END AS breakdown,
           coalesce(age_band, buyer_kind, sector, legal_basis, mode, contract_kind) AS key,
           count(DISTINCT participant_id) AS participants, count(*) AS contracts, sum(hours) AS hours
    FROM fact
    GROUP BY GROUPING SETS ((age_band), (buyer_kind), (sector), (legal_basis), (mode), (contract_kind))
  ),
  -- A person's own attributes (gender, level, publics…) are the same on all their contracts: one row per person,
  -- counted in each of their categories (a person in several publics counts in each).
  person AS MATERIALIZED (
    SELECT gender, level, qpv, prescriber, publics, count(*) AS contracts, sum(hours) AS hours
    FROM fact GROUP BY participant_id, gender, level, qpv, prescriber, publics
  ),
  by_person AS (
    SELECT CASE WHEN GROUPING(gender) = 0 THEN 'gender' WHEN GROUPING(level) = 0 THEN 'qualificationLevel'
                WHEN GROUPING(qpv) = 0 THEN 'qpvResident' ELSE 'prescriber' END AS breakdown,
           coalesce(gender, level, qpv, prescriber) AS key, count(*) AS participants, sum(contracts) AS contracts, sum(hours) AS hours
    FROM person
    GROUP BY GROUPING SETS ((gender), (level), (qpv), (prescriber))
    UNION ALL
    SELECT 'public', public, count(*), sum(contracts), sum(hours) FROM person CROSS JOIN unnest(person.publics) AS public GROUP BY public
  )
  SELECT breakdown, key, participants::int AS "participants", contracts::int AS "workContracts", coalesce(hours, 0)::text AS "insertionHours"
  FROM by_contract
  UNION ALL
  SELECT breakdown, key, participants::int, contracts::int, coalesce(hours, 0)::text FROM by_person`;
}

/** The month of the year (0 = January) a date falls in, as an integer; `$1` is 1 January. */
const monthOfYear = (date: string) => `((date_part('year', ${date}) - date_part('year', $1::date)) * 12 + date_part('month', ${date}) - 1)::int`;

/**
 * By month: the contracts running that month, their participants, the hours of that month. Each contract's months of
 * the year are the bits of a 12-bit mask, a person's months the OR of their contracts' masks: each month's counts
 * are then bits counted in one pass, rather than a (month, person) table of a quarter of a million rows.
 */
export function monthsSql(): string {
  const countsByMonth = Array.from({ length: 12 }, (_, index) => `count(*) FILTER (WHERE months & ${1 << index} <> 0)`).join(', ');
  return `WITH ${CLAUSE_BASE},
  contract_months AS (
    SELECT participant_id,
           (1 << (least(11, coalesce(${monthOfYear('end_date')}, 11)) + 1)) - (1 << greatest(0, ${monthOfYear('start_date')})) AS months
    FROM counted_contract
  ),
  person_months AS (SELECT bit_or(months) AS months FROM contract_months GROUP BY participant_id),
  contracts AS (SELECT ARRAY[${countsByMonth}] AS counts FROM contract_months),
  people AS (SELECT ARRAY[${countsByMonth}] AS counts FROM person_months)
  SELECT to_char(calendar.month, 'YYYY-MM') AS key, people.counts[calendar.index]::int AS "participants",
         contracts.counts[calendar.index]::int AS "workContracts", coalesce(hours.hours, 0)::text AS "insertionHours"
  FROM generate_series(1, 12) AS position(index)
  CROSS JOIN LATERAL (SELECT position.index, ($1::date + make_interval(months => position.index - 1))::date AS month) calendar
  CROSS JOIN people CROSS JOIN contracts
  LEFT JOIN consolidation_month hours ON hours.month = calendar.month`;
}

/** The PLIE pathways open at some point of the year. */
const PATHWAYS_BASE = `
  pathway AS (
    SELECT pw.*,
      pw.entry_date >= $1 AS entered,
      pw.exit_date IS NOT NULL AND pw.exit_date <= $2 AS exited,
      pw.exit_kind IN ('EMPLOYMENT', 'TRAINING', 'OTHER_POSITIVE') AS positive
    FROM consolidation_pathway pw
    WHERE pw.entry_date <= $2 AND (pw.exit_date IS NULL OR pw.exit_date >= $1)
  )`;

/**
 * The measures of Table 1 counted for each year of Y−3…Y (index 0 to 3; `$1` is 1 January of Y), with the condition
 * on a cell of pathways (years of entry and exit, exit kind) that counts it.
 */
const yearOf = (index: number) => `(date_part('year', $1::date)::int - ${EARLIER_YEARS - index})`;
const FLOW_MEASURES: [name: string, when: (index: number) => string][] = [
  ['entries', (y) => `entry_year = ${yearOf(y)}`],
  ['in_pathway', (y) => `entry_year <= ${yearOf(y)} AND exit_year >= ${yearOf(y)}`],
  ...['EMPLOYMENT', 'TRAINING', 'OTHER_POSITIVE', 'DROPOUT', 'MOVED_DIED_RETIRED', 'OTHER'].map(
    (kind): [string, (index: number) => string] => [kind.toLowerCase(), (y) => `exit_year = ${yearOf(y)} AND exit_kind = '${kind}'`],
  ),
];
const FLOW_YEARS = [0, 1, 2, 3];
/**
 * The ages at entry where a category changes (25: the 25–44 band; 26: « 26 ans et plus »; 45, 55, 65: the bands and
 * « 45 ans et plus »): an age's class is its bucket, 0 (under 25) to 5 (65 and over).
 */
const AGE_CLASS_LIMITS = [25, 26, 45, 55, 65];

/**
 * The flows of each year from Y−3 to Y per category at entry (Table 1 is year Y's; Table 1BIS, the rates by category
 * and the cumulative results read the four): entries, people in pathway, carried over, exits by kind. "Registered job
 * seeker" and "disabled worker" are flags beside the public; the rates' own categories (over 45, level IV and above)
 * come with the others. Counted in two passes over the staged pathways: a first counts them by combination of
 * categories, years of entry and of exit (clamped to Y−4…Y+1) and exit kind, summing their digests; a second counts
 * each combination of categories (a few thousand cells) for the four years at once; each cell is then added to the
 * rows it belongs to. Counts stay integers (a sum of bigints is a numeric, several times slower to add). Every row
 * carries the pathways' digest.
 */
export function flowsSql(): string {
  const measures = FLOW_YEARS.flatMap((y) => FLOW_MEASURES.map(([name, when]) => `coalesce(sum(pathways) FILTER (WHERE ${when(y)}), 0)::int AS ${name}_${y}`));
  const sums = FLOW_YEARS.flatMap((y) => FLOW_MEASURES.map(([name]) => `sum(${name}_${y}) AS ${name}_${y}`));
  const perYear = FLOW_YEARS.map((y) => `(${y}, ${FLOW_MEASURES.map(([name]) => `${name}_${y}`).join(', ')})`).join(',\n      ');
  return `WITH fine AS (
    SELECT gender, width_bucket(age, ARRAY[${AGE_CLASS_LIMITS.join(', ')}]) AS age_class, level, inactivity, public,
      registered_job_seeker AS registered, disabled,
      greatest(date_part('year', entry_date)::int, ${yearOf(-1)}) AS entry_year,
      least(coalesce(date_part('year', exit_date)::int, ${yearOf(FLOW_YEARS.length)}), ${yearOf(FLOW_YEARS.length)}) AS exit_year, exit_kind,
      count(*)::int AS pathways, sum(hash) AS hash
    FROM consolidation_pathway
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
  ),
  cell AS (
    SELECT gender, age_class, level, inactivity, public, registered, disabled,
      ${measures.join(',\n      ')},
      sum(pathways) AS pathways, sum(hash) AS hash
    FROM fine GROUP BY 1, 2, 3, 4, 5, 6, 7
  ),
  categorised AS (
    SELECT cell.*, c.grp, c.category FROM cell
    CROSS JOIN LATERAL (VALUES
      ('all', 'total'), ('gender', CASE gender WHEN 'M' THEN 'men' ELSE 'women' END),
      ('age', CASE WHEN age_class < 2 THEN 'under_26' ELSE '26_and_over' END), ('age', CASE WHEN age_class >= 3 THEN 'over_45' END),
      ('age_band', (ARRAY['15_24', '25_44', '25_44', '45_54', '55_64', '65_plus'])[age_class + 1]),
      ('level', level), ('level', CASE WHEN level IN ('IV', 'III', 'II', 'I') THEN 'IV_and_above' END), ('inactivity', lower(inactivity)),
      ('public', CASE WHEN disabled THEN 'disabled_workers' END),
      ('public', CASE WHEN registered THEN 'registered_job_seekers' END),
      ('public', CASE WHEN public = 'other' THEN 'other_disadvantaged' ELSE public END),
      ('public', CASE WHEN registered AND public <> 'other' THEN public || '_registered' END)
    ) AS c(grp, category)
    WHERE c.category IS NOT NULL
  ),
  summed AS (SELECT grp, category, ${sums.join(', ')} FROM categorised GROUP BY grp, category),
  digest AS (SELECT coalesce(sum(pathways), 0)::text || ':' || coalesce(sum(hash), 0)::text AS digest FROM cell)
  SELECT date_part('year', $1::date)::int - ${EARLIER_YEARS} + y.year_index AS year, grp AS "group", category,
    y.entries::int AS "entries", y.in_pathway::int AS "inPathway", (y.in_pathway - y.entries)::int AS "carriedOver",
    (y.employment + y.training + y.other_positive)::int AS "positiveExits", y.employment::int AS "positiveExitsEmployment",
    y.training::int AS "positiveExitsTraining", (y.dropout + y.moved_died_retired + y.other)::int AS "exitsWithoutFollowUp",
    y.dropout::int AS "dropouts", y.moved_died_retired::int AS "movedDiedRetired", y.other::int AS "otherExits",
    digest.digest AS "pathwaysDigest"
  FROM summed CROSS JOIN digest
  CROSS JOIN LATERAL (VALUES
      ${perYear}
  ) AS y(year_index, ${FLOW_MEASURES.map(([name]) => name).join(', ')})`;
}

/**
 * Tables 2, 4 and 5, from the steps running during the year of the people in pathway, in one statement. Table 2: the
 * steps by kind and gender, and those people; each row also carries the digest of the steps it counts (the ALL row's
 * is the steps' part of the data fingerprint). Tables 4 and 5: the people with a step in an insertion structure, by
 * kind of structure and gender, counted once per kind (Table 5: the steps the PLIE funded), and the structures that
 * have such steps (`ALL`). With them, the structures of the people in pathway (those with a pathway open during the
 * year). One row: `steps`, `insertionStructures` and `structures`, each a list.
 */
export function stepsSql(): string {
  return `WITH ${PATHWAYS_BASE},
  in_pathway AS (SELECT DISTINCT participant_id, gender, structure_id FROM pathway),
  step AS (
    SELECT s.kind, ip.gender, ${versionHash(['s'])} AS hash
    FROM plie_step s JOIN in_pathway ip ON ip.participant_id = s.participant_id
    WHERE s.start_date <= $2 AND (s.end_date IS NULL OR s.end_date >= $1)
  ),
  -- Read again rather than kept from the pass above: a tenth of the steps are in an insertion structure.
  step_in_structure AS (
    SELECT s.structure_kind, s.funded_by_plie, ip.participant_id, ip.gender, ip.structure_id
    FROM plie_step s JOIN in_pathway ip ON ip.participant_id = s.participant_id
    WHERE s.structure_kind IS NOT NULL AND s.start_date <= $2 AND (s.end_date IS NULL OR s.end_date >= $1)
  ),
  by_kind AS (
    SELECT coalesce(kind, 'ALL') AS "stepKind", count(*)::int AS "total",
           count(*) FILTER (WHERE gender = 'M')::int AS "men", count(*) FILTER (WHERE gender = 'F')::int AS "women",
           (SELECT count(*) FROM in_pathway)::int AS "participants",
           ${digest('hash')} AS "stepsDigest"
    FROM step GROUP BY ROLLUP (kind)
  ),
  by_structure AS (
    SELECT coalesce(structure_kind, 'ALL') AS "structureKind",
      count(DISTINCT participant_id) FILTER (WHERE gender = 'M')::int AS "men",
      count(DISTINCT participant_id) FILTER (WHERE gender = 'F')::int AS "women",
      count(DISTINCT participant_id) FILTER (WHERE funded_by_plie AND gender = 'M')::int AS "fundedMen",
      count(DISTINCT participant_id) FILTER (WHERE funded_by_plie AND gender = 'F')::int AS "fundedWomen",
      count(DISTINCT structure_id)::int AS "structures",
      count(DISTINCT structure_id) FILTER (WHERE funded_by_plie)::int AS "fundedStructures"
    FROM step_in_structure GROUP BY ROLLUP (structure_kind)
  )
  SELECT (SELECT coalesce(json_agg(by_kind), '[]') FROM by_kind) AS steps,
         (SELECT coalesce(json_agg(by_structure), '[]') FROM by_structure) AS "insertionStructures",
         (SELECT coalesce(json_agg(json_build_object('ref', s.ref, 'name', s.name)), '[]') FROM structure s
           WHERE s.id IN (SELECT structure_id FROM in_pathway)) AS structures`;
}

/**
 * Table 3: pathways that exited during the year and their mean length in months (days ÷ 30.4375). The exits are
 * first summed by combination of categories (a few dozen cells), then each cell added to the rows it belongs to.
 */
export function table3Sql(): string {
  return `WITH ${PATHWAYS_BASE},
  cell AS (
    SELECT CASE WHEN positive THEN 'positive_exits' ELSE 'exits_without_follow_up' END AS exit_kind,
      CASE gender WHEN 'M' THEN 'men' ELSE 'women' END AS gender, public,
      CASE WHEN age < 26 THEN 'under_26' ELSE '26_and_over' END AS age,
      count(*) AS pathways, sum(exit_date - entry_date) AS days
    FROM pathway WHERE exited GROUP BY 1, 2, 3, 4
  ),
  exit AS (
    SELECT k.exit_kind, c.category, cell.pathways, cell.days FROM cell
    CROSS JOIN LATERAL (VALUES ('all_exits'), (cell.exit_kind)) AS k(exit_kind)
    CROSS JOIN LATERAL (VALUES ('total'), (gender), (public), (age)) AS c(category)
  )
  SELECT exit_kind AS "exitKind", category, sum(pathways)::int AS "pathways",
         round(sum(days)::numeric / (sum(pathways) * 30.4375), 2)::text AS "meanMonths"
  FROM exit GROUP BY exit_kind, category`;
}

/** The dimensions of Tables 8 (employment exits) and 9 (training exits): the report's name and the detail's column. */
const EXIT_DIMENSIONS: [dimension: string, column: string, exitKind: 'EMPLOYMENT' | 'TRAINING'][] = [
  ['employer_sector', 'employer_naf_section', 'EMPLOYMENT'], ['employer_type', 'employer_type', 'EMPLOYMENT'],
  ['establishment_size', 'employer_size_band', 'EMPLOYMENT'], ['contract_type', 'exit_contract', 'EMPLOYMENT'], ['measure', 'exit_measure', 'EMPLOYMENT'],
  ['domain', 'training_domain', 'TRAINING'], ['level', 'training_level', 'TRAINING'], ['validation', 'training_certification', 'TRAINING'],
  ['duration', 'duration', 'TRAINING'],
];

/**
 * Tables 8 and 9: the employment and training exits of the year by each detail's stored value (null: unknown) and
 * gender, one row per (exit kind, dimension, value), in one hashed pass with a grouping set per detail (each exit
 * kind keeps its own details); the training's duration band is derived from its dates. The row of each exit kind
 * without dimension counts the structures with such exits.
 */
export function exitDetailsSql(): string {
  const columns = EXIT_DIMENSIONS.map(([, column]) => column);
  const employment = EXIT_DIMENSIONS.filter(([, , kind]) => kind === 'EMPLOYMENT').map(([dimension]) => `'${dimension}'`);
  return `WITH ${PATHWAYS_BASE},
  exit AS MATERIALIZED (
    SELECT exit_kind, gender, structure_id, ${columns.filter((column) => column !== 'duration').join(', ')},
      CASE WHEN training_start_date IS NULL OR training_end_date IS NULL THEN NULL
           WHEN training_end_date < training_start_date + interval '3 months' THEN 'under_3_months'
           WHEN training_end_date < training_start_date + interval '6 months' THEN '3_to_6_months'
           WHEN training_end_date < training_start_date + interval '12 months' THEN '6_to_12_months'
           ELSE 'over_12_months' END AS duration
    FROM pathway WHERE exited AND exit_kind IN ('EMPLOYMENT', 'TRAINING')
  ),
  by_detail AS (
    SELECT exit_kind, CASE ${EXIT_DIMENSIONS.map(([dimension, column]) => `WHEN GROUPING(${column}) = 0 THEN '${dimension}'`).join(' ')} END AS dimension,
      coalesce(${columns.join(', ')}) AS value,
      count(*) FILTER (WHERE gender = 'M')::int AS men, count(*) FILTER (WHERE gender = 'F')::int AS women
    FROM exit GROUP BY exit_kind, GROUPING SETS (${columns.map((column) => `(${column})`).join(', ')})
  )
  SELECT exit_kind AS "exitKind", dimension, value, men AS "men", women AS "women", 0 AS "structures" FROM by_detail
  WHERE (dimension IN (${employment.join(', ')})) = (exit_kind = 'EMPLOYMENT')
  UNION ALL
  SELECT exit_kind, NULL, NULL, 0, 0, count(DISTINCT structure_id)::int FROM exit GROUP BY exit_kind`;
}

/**
 * The questionnaire's declared figures of each year, summed over the scope's PLIE, with the number of PLIE behind
 * each sum: by (item, measure), by item, by `parent` (the computed row a declared item adds to, given as SQL by the
 * caller) and by table.
 */
export function questionnaireSql(parentOf: string): string {
  return `SELECT year, questionnaire_table AS "table", item, measure, ${parentOf} AS parent,
    CASE WHEN GROUPING(item, measure) = 0 THEN 'measure' WHEN GROUPING(item) = 0 THEN 'item' WHEN GROUPING(${parentOf}) = 0 THEN 'parent' ELSE 'table' END AS level,
    sum(value)::text AS value, count(DISTINCT structure_id)::int AS respondents
  FROM consolidation_questionnaire
  GROUP BY GROUPING SETS ((year, questionnaire_table, item, measure), (year, questionnaire_table, item), (year, questionnaire_table, ${parentOf}), (year, questionnaire_table))`;
}

/** The structures with a market running during the year (the PLIE part adds those with a pathway). */
export function clauseStructuresSql(): string {
  return `WITH ${CLAUSE_BASE}
  SELECT s.ref, s.name FROM structure s WHERE s.id IN (SELECT structure_id FROM counted_market)`;
}

/**
 * The clause part of the data fingerprint, as (name, digest) rows: the version hashes of the run's staged rows,
 * which cover every row the clause figures read (the hours entries' were summed while staging them). Equal digests
 * mean the same data read, so the same figures.
 */
export function clauseDigestSql(): string {
  return `SELECT 'market' AS name, ${digest('hash')} AS digest FROM consolidation_market
    UNION ALL SELECT 'contract', ${digest('hash')} FROM consolidation_contract
    UNION ALL SELECT 'award', ${digest('hash')} FROM consolidation_award
    UNION ALL SELECT 'hours', ${digest('digest')} FROM consolidation_hours`;
}

/**
 * The structures' part of the data fingerprint, in every scope: what the report reads of them, by content (their other
 * settings change without changing a figure).
 */
export function structuresDigestSql(): string {
  return `SELECT 'structure' AS name, ${digest('hash_record_extended(ROW(s.id, s.ref, s.name), 0)')} AS digest FROM structure s`;
}

/** The questionnaire's part of the data fingerprint: the staged figures. */
export function questionnaireDigestSql(): string {
  return `SELECT 'questionnaire' AS name, ${digest('hash')} AS digest FROM consolidation_questionnaire`;
}
