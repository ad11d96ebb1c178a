/**
 * A deterministic national dataset in the import format, whose consolidation reproduces the published 2017 figures
 * (`reference-2017.ts`, `reference-plie.ts`) at any scale: every target figure is the reference × scale, rounded, and
 * the data are built to hit those targets exactly (clause headline of 2017 and 2016; PLIE Table 1 by gender, the
 * total row being the sum of the gender rows; Table 1BIS's entries and exits of 2014 to 2017; Tables 4 and 5; the
 * questionnaire's Tables 6, 7 and 10, each item spread over its published number of respondents). At scale 1: 180
 * structures of which 115 PLIE, 34,022 markets of 2017, 48,585 contracts, 34,274 participants, 13,279,000 hours in
 * ≈ 310,000 monthly rows, 100,550 PLIE pathways in 2017 and ≈ 100,000 more that left in 2014 to 2016.
 *
 *   node dist-bench/bench/national-dataset.js OUT_DIR [--scale 1]
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isValidSiret } from '../src/platform/validation/siret';
import { CLAUSE_2017, PLIE_2017_SHARES, PLIE_2017_TABLE1 } from './reference-2017';
import { DeclaredItem, PLIE_INSERTION_STRUCTURES, PLIE_STRUCTURES, PLIE_TABLE10, PLIE_TABLE6, PLIE_TABLE6BIS, PLIE_TABLE7, PLIE_YEARS } from './reference-plie';

export interface GenderCounts {
  entries: number;
  carriedOver: number;
  positiveExitsEmployment: number;
  positiveExitsTraining: number;
  otherPositiveExits: number;
  dropouts: number;
  movedDiedRetired: number;
  otherExits: number;
}

export interface DatasetTargets {
  scale: number;
  structures: number;
  clause: {
    insertionHours: { value: string; previous: string };
    workContracts: { value: number; previous: number };
    participants: { value: number; previous: number };
    companies: { value: number; previous: number };
    buyers: number;
    operations: number;
    markets: number;
  };
  plie: { men: GenderCounts; women: GenderCounts };
  plieStructures: number;
  /** Table 1BIS of 2014 to 2016 (2017's is Table 1's). */
  plieYears: Record<'2014' | '2015' | '2016', { entries: number; positiveExits: number; employmentExits: number; exitsWithoutFollowUp: number }>;
  /** Tables 4 and 5 of 2017, by stored insertion structure kind: people, of whom men, and those funded by the PLIE. */
  insertionStructures: Record<string, { total: number; men: number; funded: number; fundedMen: number }>;
  /** The questionnaire of 2017 (Tables 6, 7, 10), each item's scaled values and respondents. */
  questionnaire: Record<'FINANCING' | 'ALLOCATIONS' | 'ORGANISATION', DeclaredItem[]>;
}

const round = (value: number, scale: number) => Math.round(value * scale);
const cents = (value: number, scale: number) => Math.round(value * scale * 100);
const hoursText = (centsValue: number) => `${Math.floor(centsValue / 100)}.${String(centsValue % 100).padStart(2, '0')}`;

function genderTargets(row: (typeof PLIE_2017_TABLE1)['men'], scale: number): GenderCounts {
  return {
    entries: round(row.entries, scale),
    carriedOver: round(row.carriedOver, scale),
    positiveExitsEmployment: round(row.positiveExitsEmployment, scale),
    positiveExitsTraining: round(row.positiveExitsTraining, scale),
    otherPositiveExits: round(row.positiveExits - row.positiveExitsEmployment - row.positiveExitsTraining, scale),
    dropouts: round(row.dropouts, scale),
    movedDiedRetired: round(row.movedDiedRetired, scale),
    otherExits: round(row.otherExits, scale),
  };
}

/** What the consolidation of the generated data must find: each reference figure × scale, rounded. */
export function datasetTargets(scale: number): DatasetTargets {
  const c = CLAUSE_2017;
  return {
    scale,
    structures: Math.max(1, round(c.reportingStructures, scale)),
    clause: {
      insertionHours: { value: hoursText(cents(c.insertionHours.value, scale)), previous: hoursText(cents(c.insertionHours.previous, scale)) },
      workContracts: { value: round(c.workContracts.value, scale), previous: round(c.workContracts.previous, scale) },
      participants: { value: round(c.participants.value, scale), previous: round(c.participants.previous, scale) },
      companies: { value: round(c.companies.value, scale), previous: round(c.companies.previous, scale) },
      buyers: round(c.buyers.value, scale),
      operations: round(c.operations.value, scale),
      markets: round(c.markets.value, scale),
    },
    plie: { men: genderTargets(PLIE_2017_TABLE1.men, scale), women: genderTargets(PLIE_2017_TABLE1.women, scale) },
    plieStructures: Math.max(1, round(PLIE_STRUCTURES, scale)),
    plieYears: Object.fromEntries(
      (['2014', '2015', '2016'] as const).map((year) => [year, Object.fromEntries(Object.entries(PLIE_YEARS[year]).map(([name, value]) => [name, round(value, scale)]))]),
    ) as DatasetTargets['plieYears'],
    insertionStructures: Object.fromEntries(
      Object.entries(PLIE_INSERTION_STRUCTURES).map(([kind, row]) => {
        const total = round(row.total, scale);
        const funded = Math.min(total, round(row.funded, scale));
        // Men's part of a kind from the published shares of men and of women (about as many of each in pathway).
        const menPart = row.menSharePct + row.womenSharePct === 0 ? 0.5 : row.menSharePct / (row.menSharePct + row.womenSharePct);
        return [kind, { total, men: Math.round(total * menPart), funded, fundedMen: Math.round(funded * menPart) }];
      }),
    ),
    questionnaire: {
      FINANCING: scaledItems(PLIE_TABLE6, scale),
      ALLOCATIONS: scaledItems(PLIE_TABLE7, scale),
      ORGANISATION: scaledItems(PLIE_TABLE10, scale),
    },
  };
}

/** Each item's values × scale (to the unit) and its respondents × scale (at least one). */
function scaledItems(items: DeclaredItem[], scale: number): DeclaredItem[] {
  return items.map(({ item, values, respondents }) => ({
    item,
    values: Object.fromEntries(Object.entries(values).map(([measure, value]) => [measure, round(value, scale)])),
    respondents: Math.max(1, round(respondents, scale)),
  }));
}

/** Mulberry32: a small seeded generator, so that the same scale always writes the same files. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<K extends string>(random: () => number, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = random() * total;
  for (const [key, weight] of entries) {
    draw -= weight;
    if (draw < 0) return key;
  }
  return entries[entries.length - 1]![0];
}

function siretFrom(seed: number): string {
  const prefix = String(seed).padStart(13, '0');
  for (let key = 0; key < 10; key += 1) if (isValidSiret(`${prefix}${key}`)) return `${prefix}${key}`;
  throw new Error(`no Luhn key for ${prefix}`);
}

const DAY = 86_400_000;
const dateOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoOf = (time: number) => new Date(time).toISOString().slice(0, 10);
const addDays = (iso: string, days: number) => isoOf(dateOf(iso) + days * DAY);
const daysBetween = (from: string, to: string) => Math.round((dateOf(to) - dateOf(from)) / DAY);
const monthStart = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;
const monthEnd = (year: number, month: number) => isoOf(Date.UTC(year, month, 0));

class CsvFile {
  private readonly out;
  constructor(path: string, header: string) {
    this.out = createWriteStream(path);
    this.out.write(`${header}\n`);
  }
  async line(values: (string | number | null)[]): Promise<void> {
    if (!this.out.write(`${values.map((value) => (value === null ? '' : String(value))).join(',')}\n`)) {
      await new Promise<void>((resolve) => this.out.once('drain', () => resolve()));
    }
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => this.out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

const COMPANY_KIND_CYCLE = ['AI', 'ETTI', 'EI', 'ACI', 'GEIQ', ...Array<string>(15).fill('ORDINARY')];
const BUYER_KINDS = { MUNICIPALITY: 40, INTERMUNICIPAL: 12, DEPARTMENT: 10, SOCIAL_LANDLORD: 18, STATE: 5, REGION: 4, SEM: 4, HOSPITAL: 3, PUBLIC_BODY: 3, PRIVATE: 1 };
const SECTORS = { BUILDING: 45, PUBLIC_WORKS: 15, CLEANING: 10, GREEN_SPACES: 9, CATERING: 4, WASTE: 5, SECURITY: 3, TRANSPORT: 3, OTHER_SERVICES: 4, SUPPLIES: 1, INTELLECTUAL: 1 };
const LEGAL_BASES = { EXECUTION_CONDITION: 78, AWARD_CRITERION: 6, INSERTION_SERVICE: 9, RESERVED_SIAE: 5, RESERVED_DISABILITY: 1, RESERVED_ESS: 1 };
const CONTRACT_KINDS = { CDD: 35, TEMPORARY: 30, CDDI: 15, CDI: 8, PROFESSIONALISATION: 7, APPRENTICESHIP: 5 };
const PRESCRIBERS = { FRANCE_TRAVAIL: 40, MISSION_LOCALE: 20, PLIE: 20, CAP_EMPLOI: 4, DEPARTMENT: 6, SIAE: 5, OTHER: 3, NONE: 2 };
const CLAUSE_PUBLICS = { LONG_TERM_UNEMPLOYED: 30, RSA: 20, YOUTH_LOW_QUALIFIED: 25, DISABLED: 4, SENIOR_50: 8, IAE_APPROVED: 10, OTHER: 3 };
/** The exits' details, drawn from the shares of the report's Tables 8 and 9 (15 % of each left unknown). */
const EXIT_NAF = { A: 1, B: 2, C: 2, D: 0.3, E: 1, F: 4, G: 7, H: 3, I: 5, J: 1, K: 0.3, L: 1, M: 1, N: 17, O: 8, P: 4, Q: 10, R: 1, S: 6, T: 2, U: 0.1 };
const EXIT_EMPLOYER_TYPES = { COMPANY: 49, ASSOCIATION: 11, PUBLIC_SECTOR: 13, PRIVATE_INDIVIDUAL: 2 };
const EXIT_SIZE_BANDS = { '0': 1, '1-9': 21, '10-49': 19, '50-199': 10, '200-999': 10, '1000+': 10 };
const EXIT_CONTRACTS = { CDI: 26, CDD_6_MONTHS_PLUS: 40, BUSINESS_CREATION: 1, TEMPORARY_WORK: 12 };
const EXIT_MEASURES = { CUI_CIE: 1, CUI_CAE: 9, PROFESSIONALISATION: 2, APPRENTICESHIP: 0.5, OTHER: 13, NONE: 60 };
const TRAINING_DOMAIN_WEIGHTS = {
  AGRICULTURE: 1, CONSTRUCTION: 7, BUSINESS_SERVICES: 8, PERSONAL_SERVICES_HEALTH_SOCIAL: 22, EDUCATION: 1, FOOD_TRADES: 1, ARTS_CRAFTS_MEDIA: 1, COMMERCE: 4,
  TOURISM_HOSPITALITY: 3, IT_COMMUNICATION: 2, PRODUCTION_HANDLING: 3, OFFICE_ACCOUNTING: 5, TEXTILE: 0.5, ELECTRICITY_ELECTRONICS: 2, TRANSPORT_LOGISTICS: 7,
  MECHANICS_MATERIALS: 2, BEAUTY: 1, BANKING_INSURANCE: 0.3, GENERAL_EDUCATION: 1,
};
const TRAINING_LEVELS = { VI: 0.3, V_BIS: 2, V: 49, IV: 12, III: 6, II: 2, I: 1, UNKNOWN: 29 };
const TRAINING_CERTIFICATION_WEIGHTS = {
  EDUCATION_DIPLOMA: 12, YOUTH_SPORTS_DIPLOMA: 1, SOCIAL_AFFAIRS_DIPLOMA: 5, AGRICULTURE_DIPLOMA: 1, CQP: 13, CMP: 2, EMPLOYMENT_MINISTRY_TITLE: 30, OTHER: 3,
};
/** A training's length in months: under 3, 3 to 6, 6 to 12, over 12. */
const TRAINING_MONTHS = { '2': 12, '4': 22, '9': 49, '15': 11 };

/** The kinds of the structures after the PLIE (which come first). */
const OTHER_STRUCTURE_KINDS = ['MDE', 'EPCI', 'MUNICIPALITY', 'DEPARTMENT', 'OTHER'];

/** Divides `total` into parts proportional to `weights` (largest remainders), each at most its weight. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (sum === 0 ? 0 : (total * weight) / sum));
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((value, index) => ({ index, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (left === 0) break;
    parts[index]! += 1;
    left -= 1;
  }
  return parts;
}

interface Market {
  ref: string;
  structure: number;
  buyer: number;
  holder: number;
  subcontractor: number | null;
  startMonth: number;
  year: number;
  trainingCounts: boolean;
}

/** Writes the eleven import files (with `structure_ref`, for an administrator's import) and returns the targets. */
export async function generateNationalDataset(outDir: string, scale: number): Promise<DatasetTargets> {
  const targets = datasetTargets(scale);
  const random = randomSource(2017);
  mkdirSync(outDir, { recursive: true });
  const file = (name: string, header: string) => new CsvFile(join(outDir, `${name}.csv`), header);
  const structureCount = targets.structures;
  const structureRef = (index: number) => `S${String(index + 1).padStart(3, '0')}`;
  const { buyers: buyerCount, operations: operationCount, markets: marketCount } = targets.clause;
  const companies17 = targets.clause.companies.value;
  const companies16 = targets.clause.companies.previous;
  const companies16Offset = Math.floor(companies17 * 0.3);
  const companySiret = (index: number) => siretFrom(5_100_000_000 + index);
  const companyKind = (index: number) => COMPANY_KIND_CYCLE[index % COMPANY_KIND_CYCLE.length]!;

  // Structures.
  const structures = file('structures', 'ref,name,kind,region');
  const plieCount = Math.min(structureCount, targets.plieStructures);
  const structureKind = (index: number) => (index < plieCount ? 'PLIE' : OTHER_STRUCTURE_KINDS[(index - plieCount) % OTHER_STRUCTURE_KINDS.length]!);
  for (let s = 0; s < structureCount; s += 1) await structures.line([structureRef(s), `Structure de la clause n° ${s + 1}`, structureKind(s), 'France']);
  await structures.close();

  // Buyers: one SIRET each, known in a home structure; every tenth also in the next structure (same SIRET).
  const buyerSiret = (index: number) => siretFrom(2_100_000_000 + index);
  const buyerHome = (index: number) => index % structureCount;
  const buyerKinds = Array.from({ length: buyerCount }, () => weighted(random, BUYER_KINDS));
  const buyerStructures = new Set<string>();
  // Operations: operation o belongs to buyer o mod B, in the buyer's home structure or, for shared buyers, the next.
  const operationBuyer = (o: number) => o % buyerCount;
  const operationStructure = (o: number) => {
    const buyer = operationBuyer(o);
    return buyer % 10 === 0 && o % 7 === 0 && structureCount > 1 ? (buyerHome(buyer) + 1) % structureCount : buyerHome(buyer);
  };
  for (let o = 0; o < operationCount; o += 1) buyerStructures.add(`${operationStructure(o)}:${operationBuyer(o)}`);
  const buyers = file('buyers', 'structure_ref,ref,name,kind,siret');
  for (const pair of [...buyerStructures].sort()) {
    const [s, b] = pair.split(':').map(Number) as [number, number];
    await buyers.line([structureRef(s), `B${b}`, `Acheteur public ${b}`, buyerKinds[b]!, buyerSiret(b)]);
  }
  await buyers.close();
  const operations = file('operations', 'structure_ref,ref,buyer_ref,name,urban_renewal,qpv,start_date,end_date');
  for (let o = 0; o < operationCount; o += 1) {
    await operations.line([structureRef(operationStructure(o)), `O${o}`, `B${operationBuyer(o)}`, `Opération ${o}`, o % 6 === 0 ? 'oui' : 'non', o % 3 === 0 ? 'oui' : 'non', '2015-01-01', '2019-12-31']);
  }
  await operations.close();

  // Markets of 2017 (starting in January to June 2017) and of 2016 (ending on 31 December 2016).
  const markets: Market[] = [];
  const marketsFile = file('markets', 'structure_ref,ref,buyer_ref,operation_ref,title,legal_basis,sector,hours_objective,training_counts,start_date,end_date');
  const awards = file('awards', 'structure_ref,market_ref,company_siret,role');
  const companiesByStructure = Array.from({ length: structureCount }, () => new Set<number>());
  const marketCount16 = Math.max(1, round(31_000, scale));
  const insertionCompanies17 = Array.from({ length: companies17 }, (_, c) => c).filter((c) => ['EI', 'ACI'].includes(companyKind(c)));
  const insertionCompanies16 = Array.from({ length: companies16 }, (_, c) => companies16Offset + c).filter((c) => ['EI', 'ACI'].includes(companyKind(c)));
  for (const year of [2017, 2016]) {
    const count = year === 2017 ? marketCount : marketCount16;
    for (let i = 0; i < count; i += 1) {
      const withOperation = year === 2017 ? i < operationCount || i % 4 !== 0 : i % 3 !== 0;
      const operation = i % operationCount;
      const structure = operationStructure(operation);
      const holder = year === 2017 ? i % companies17 : companies16Offset + (i % companies16);
      const insertion = year === 2017 ? insertionCompanies17 : insertionCompanies16;
      const subcontractor = i % 4 === 1 && insertion.length > 0 ? insertion[(i >> 2) % insertion.length]! : null;
      const market: Market = { ref: `M${year % 100}-${i}`, structure, buyer: operationBuyer(operation), holder, subcontractor, startMonth: 1 + (i % 6), year, trainingCounts: i % 13 !== 0 };
      markets.push(market);
      const end = year === 2016 ? '2016-12-31' : i % 3 === 0 ? '2017-12-31' : '2018-06-30';
      await marketsFile.line([
        structureRef(structure), market.ref, `B${market.buyer}`, withOperation ? `O${operation}` : null, `Marché ${market.ref}`, weighted(random, LEGAL_BASES),
        weighted(random, SECTORS), 300 + (i % 40) * 25, market.trainingCounts ? 'oui' : 'non', monthStart(year, market.startMonth), end,
      ]);
      await awards.line([structureRef(structure), market.ref, companySiret(holder), 'HOLDER']);
      companiesByStructure[structure]!.add(holder);
      if (subcontractor !== null && subcontractor !== holder) {
        await awards.line([structureRef(structure), market.ref, companySiret(subcontractor), 'SUBCONTRACTOR']);
        companiesByStructure[structure]!.add(subcontractor);
      } else {
        market.subcontractor = null;
      }
    }
  }
  await marketsFile.close();
  await awards.close();
  const companies = file('companies', 'structure_ref,siret,name,kind,size_band');
  for (let s = 0; s < structureCount; s += 1) {
    for (const c of [...companiesByStructure[s]!].sort((a, b) => a - b)) await companies.line([structureRef(s), companySiret(c), `Entreprise ${c}`, companyKind(c), ['1-9', '10-49', '50-199', '200-999'][c % 4]!]);
  }
  await companies.close();

  // Work contracts: 2017's on 2017 markets inside 2017, 2016's on 2016 markets; participants apportioned per structure.
  interface Contract { ref: string; market: Market; participant: number; startMonth: number; startDay: number; months: number }
  const contracts: Contract[] = [];
  const markets17 = markets.filter((market) => market.year === 2017);
  const markets16 = markets.filter((market) => market.year === 2016);
  const participantRange: [number, number][] = Array.from({ length: structureCount }, () => [0, 0]);
  for (const year of [2017, 2016]) {
    const count = year === 2017 ? targets.clause.workContracts.value : targets.clause.workContracts.previous;
    const pool = year === 2017 ? markets17 : markets16;
    const yearContracts: Contract[] = [];
    for (let k = 0; k < count; k += 1) {
      const market = pool[k % pool.length]!;
      const startMonth = Math.min(12, market.startMonth + (k % 3));
      const wanted = year === 2017 ? 4 + (k % 9) : 1 + (k % 5);
      yearContracts.push({ ref: `C${year % 100}-${k}`, market, participant: 0, startMonth, startDay: 1 + (k % 20), months: Math.min(13 - startMonth, wanted) });
    }
    const byStructure = Array.from({ length: structureCount }, () => [] as Contract[]);
    for (const contract of yearContracts) byStructure[contract.market.structure]!.push(contract);
    const people = apportion(year === 2017 ? targets.clause.participants.value : targets.clause.participants.previous, byStructure.map((list) => list.length));
    byStructure.forEach((list, s) => {
      // 2016's people overlap half of 2017's: some persons work clause hours in both years.
      const first = year === 2017 ? 0 : Math.floor(participantRange[s]![1] / 2);
      list.forEach((contract, j) => (contract.participant = first + (j % Math.max(1, people[s]!))));
      participantRange[s] = [0, Math.max(participantRange[s]![1], first + people[s]!)];
    });
    contracts.push(...yearContracts);
  }
  const participants = file('participants', 'structure_ref,ref,birth_date,gender,qpv_resident,qualification_level,publics,other_public_reason,prescriber,eligibility_validated_on');
  for (let s = 0; s < structureCount; s += 1) {
    for (let p = 0; p < participantRange[s]![1]; p += 1) {
      const primary = weighted(random, CLAUSE_PUBLICS);
      const qpv = random() < 0.3;
      const publics = [primary, ...(qpv ? ['QPV_RESIDENT'] : []), ...(primary !== 'RSA' && random() < 0.15 ? ['RSA'] : [])];
      const prescriber = weighted(random, PRESCRIBERS);
      await participants.line([
        structureRef(s), `P${p}`, `${1958 + Math.floor(random() * 42)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
        random() < 0.28 ? 'F' : 'M', qpv ? 'oui' : 'non', weighted(random, PLIE_2017_SHARES.level), publics.join('|'), primary === 'OTHER' ? 'Éloignement durable de l’emploi' : null,
        prescriber === 'NONE' ? null : prescriber, '2015-06-01',
      ]);
    }
  }
  const workContracts = file('work_contracts', 'structure_ref,ref,participant_ref,employer_siret,market_ref,kind,mode,start_date,end_date');
  for (const [k, contract] of contracts.entries()) {
    const { market } = contract;
    const provider = ['AI', 'ETTI', 'GEIQ'].includes(companyKind(market.holder));
    const subcontracted = market.subcontractor !== null && k % 3 === 0;
    const employer = subcontracted ? market.subcontractor! : market.holder;
    const kind = provider && !subcontracted ? 'MADE_AVAILABLE' : subcontracted ? 'CDDI' : weighted(random, CONTRACT_KINDS);
    const mode = provider && !subcontracted ? 'MADE_AVAILABLE' : subcontracted ? 'SUBCONTRACTING' : k % 17 === 0 ? 'TRAINING' : 'DIRECT_HIRE';
    const start = `${market.year}-${String(contract.startMonth).padStart(2, '0')}-${String(contract.startDay).padStart(2, '0')}`;
    await workContracts.line([structureRef(market.structure), contract.ref, `P${contract.participant}`, companySiret(employer), market.ref, kind, mode, start, monthEnd(market.year, contract.startMonth + contract.months - 1)]);
  }
  await workContracts.close();

  // Hours: each year's total split over its monthly rows in proportion to drawn weights, to the cent.
  const hours = file('hours', 'structure_ref,work_contract_ref,month,hours_worked,training_hours');
  for (const year of [2017, 2016]) {
    const total = Math.round(Number(year === 2017 ? targets.clause.insertionHours.value : targets.clause.insertionHours.previous) * 100);
    const rows = contracts.filter((contract) => contract.market.year === year).flatMap((contract) => Array.from({ length: contract.months }, (_, m) => ({ contract, month: contract.startMonth + m, weight: 50 + Math.floor(random() * 100) })));
    const weightSum = rows.reduce((sum, row) => sum + row.weight, 0);
    const shares = rows.map((row) => Math.floor((total * row.weight) / weightSum));
    let left = total - shares.reduce((a, b) => a + b, 0);
    for (let r = 0; left > 0; r = (r + 1) % rows.length, left -= 1) shares[r]! += 1;
    for (const [r, row] of rows.entries()) {
      const counted = shares[r]!;
      const { market } = row.contract;
      // Training hours: part of the counted hours where the market counts them; extra, uncounted ones where it does not.
      const training = r % 10 === 0 ? (market.trainingCounts ? Math.floor(counted / 10) : 400) : 0;
      const worked = market.trainingCounts ? counted - training : counted;
      await hours.line([structureRef(market.structure), row.contract.ref, `${year}-${String(row.month).padStart(2, '0')}`, hoursText(worked), training > 0 ? hoursText(training) : null]);
    }
  }
  await hours.close();

  // PLIE pathways, in the PLIE structures: per gender, the entries and carried-over pathways of 2017 and their exits
  // by kind; the pathways that left in 2014, 2015 and 2016, entered in those years or before; pathways opened in
  // 2018, which no year counts. The entry years are chosen so that each year's entries are exactly Table 1BIS's.
  const pathways = file(
    'plie_pathways',
    'structure_ref,participant_ref,entry_date,exit_date,exit_kind,registered_job_seeker,long_term_unemployed,rsa,disabled,inactivity,' +
      'employer_naf_section,employer_type,employer_size_band,exit_contract,exit_measure,training_domain,training_level,training_certification,training_start_date,training_end_date',
  );
  const steps = file('plie_steps', 'structure_ref,participant_ref,kind,start_date,end_date,funded_by_plie,structure_kind');
  let person = 0;
  const yes = (flag: boolean) => (flag ? 'oui' : 'non');
  const ageBandRanges: Record<string, [number, number]> = { '15_24': [18, 24], '25_44': [25, 44], '45_54': [45, 54], '55_64': [55, 64], '65_plus': [65, 67] };
  /** The people in pathway during 2017, by gender, with the part of 2017 their pathway covers. */
  const present: Record<'M' | 'F', { s: number; ref: string; from: string; to: string }[]> = { M: [], F: [] };
  // Random steps of every kind but the pathway jobs in insertion structures, which Tables 4 and 5 count exactly.
  const { PATHWAY_JOB_IAE: _iae, ...randomStepWeights } = PLIE_2017_SHARES.steps;
  const exitDetails = (exitKind: string | null, exit: string | null): (string | null)[] => {
    const known = (weights: Record<string, number>) => (random() < 0.85 ? weighted(random, weights) : null);
    if (exitKind === 'EMPLOYMENT') {
      return [known(EXIT_NAF), known(EXIT_EMPLOYER_TYPES), known(EXIT_SIZE_BANDS), known(EXIT_CONTRACTS), known(EXIT_MEASURES), null, null, null, null, null];
    }
    if (exitKind === 'TRAINING' && exit) {
      const months = weighted(random, TRAINING_MONTHS);
      return [null, null, null, null, null, known(TRAINING_DOMAIN_WEIGHTS), known(TRAINING_LEVELS), known(TRAINING_CERTIFICATION_WEIGHTS), exit, addDays(exit, Math.round(Number(months) * 30.4))];
    }
    return Array<null>(10).fill(null);
  };
  const writePathway = async (gender: 'M' | 'F', entry: string, exit: string | null, exitKind: string | null, inYear: boolean) => {
    const s = person % plieCount;
    const ref = `L${person}`;
    person += 1;
    const band = weighted(random, PLIE_2017_SHARES.ageBand);
    const [low, high] = ageBandRanges[band]!;
    const age = low + Math.floor(random() * (high - low + 1));
    const birth = addDays(`${Number(entry.slice(0, 4)) - age}-${entry.slice(5)}`, -(1 + Math.floor(random() * 300)));
    const rsa = random() < 0.44;
    const longTerm = !rsa && random() < 0.57;
    const registered = random() < 0.92;
    const disabled = random() < 0.038;
    const inactivity = weighted(random, PLIE_2017_SHARES.inactivity);
    const publics = [...(rsa ? ['RSA'] : []), ...(longTerm ? ['LONG_TERM_UNEMPLOYED'] : []), ...(disabled ? ['DISABLED'] : [])];
    await participants.line([
      structureRef(s), ref, birth, gender, 'non', weighted(random, PLIE_2017_SHARES.level), (publics.length > 0 ? publics : ['OTHER']).join('|'),
      publics.length > 0 ? null : 'Suivi en parcours PLIE', 'PLIE', null,
    ]);
    await pathways.line([
      structureRef(s), ref, entry, exit, exitKind, yes(registered), yes(longTerm), yes(rsa), yes(disabled), inactivity === 'NONE' ? null : inactivity,
      ...exitDetails(exitKind, exit),
    ]);
    if (!inYear) return;
    const from = entry > '2017-01-01' ? entry : '2017-01-01';
    const to = exit !== null && exit < '2017-12-31' ? exit : '2017-12-31';
    present[gender].push({ s, ref, from, to });
    const kinds = new Set<string>();
    const count = random() < 0.85 ? 2 : 1;
    while (kinds.size < count) kinds.add(weighted(random, randomStepWeights));
    for (const kind of kinds) {
      const start = addDays(from, Math.floor(random() * (daysBetween(from, to) + 1)));
      await steps.line([structureRef(s), ref, kind, start, random() < 0.7 ? addDays(start, 30 + Math.floor(random() * 120)) : null, 'non', null]);
    }
  };
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  };

  // Entry years of the pathways that left in 2014–2016 (by year of exit) and of those still open on 1 January 2017
  // (carried over into 2017): fixed parts of each year's entries, the rest of each group entering before 2014.
  const earlier = targets.plieYears;
  const exitsOf = (year: '2014' | '2015' | '2016') => earlier[year].positiveExits + earlier[year].exitsWithoutFollowUp;
  const part = (year: '2014' | '2015' | '2016', share: number) => Math.round(earlier[year].entries * share);
  const carriedOver = targets.plie.men.carriedOver + targets.plie.women.carriedOver;
  const leftIn: Record<string, Record<string, number>> = {
    '2016': { '2016': earlier['2016'].entries - part('2016', 0.6), '2015': part('2015', 0.3), '2014': part('2014', 0.15) },
    '2015': { '2015': earlier['2015'].entries - part('2015', 0.35) - part('2015', 0.3), '2014': part('2014', 0.25) },
    '2014': { '2014': earlier['2014'].entries - part('2014', 0.15) - part('2014', 0.15) - part('2014', 0.25) },
  };
  const carriedEntryYears = { '2016': part('2016', 0.6), '2015': part('2015', 0.35), '2014': part('2014', 0.15) };
  const yearList = (counts: Record<string, number>, total: number) => {
    const listed = Object.entries(counts).flatMap(([year, count]) => Array<string>(count).fill(year));
    if (listed.length > total) throw new Error(`scale too small: ${listed.length} entry years for ${total} pathways`);
    return shuffle([...listed, ...Array<string>(total - listed.length).fill('before')]);
  };
  const entryOn = (year: string, index: number, firstHalf: boolean) =>
    year === 'before' ? addDays('2011-01-01', (index * 97) % 1095) : addDays(`${year}-01-01`, firstHalf ? (index * 31) % 180 : (index * 97) % 365);
  const carriedYears = yearList(carriedEntryYears, carriedOver);
  let carriedIndex = 0;

  for (const gender of ['M', 'F'] as const) {
    const counts = targets.plie[gender === 'M' ? 'men' : 'women'];
    const exitKinds = shuffle([
      ...Array<string>(counts.positiveExitsEmployment).fill('EMPLOYMENT'), ...Array<string>(counts.positiveExitsTraining).fill('TRAINING'),
      ...Array<string>(counts.otherPositiveExits).fill('OTHER_POSITIVE'), ...Array<string>(counts.dropouts).fill('DROPOUT'),
      ...Array<string>(counts.movedDiedRetired).fill('MOVED_DIED_RETIRED'), ...Array<string>(counts.otherExits).fill('OTHER'),
    ]);
    const exitsOfEntries = Math.min(counts.entries, Math.max(exitKinds.length - counts.carriedOver, Math.round(exitKinds.length * 0.3)));
    for (let i = 0; i < counts.entries; i += 1) {
      const entry = addDays('2017-01-01', (i * 31) % 330);
      if (i < exitsOfEntries) await writePathway(gender, entry, addDays(entry, 1 + ((i * 17) % daysBetween(entry, '2017-12-31'))), exitKinds[i]!, true);
      else if (i % 5 === 0) await writePathway(gender, entry, addDays('2018-01-01', i % 300), 'EMPLOYMENT', true);
      else await writePathway(gender, entry, null, null, true);
    }
    for (let i = 0; i < counts.carriedOver; i += 1) {
      const entry = entryOn(carriedYears[carriedIndex]!, carriedIndex, false);
      carriedIndex += 1;
      const exitIndex = exitsOfEntries + i;
      if (exitIndex < exitKinds.length) await writePathway(gender, entry, addDays('2017-01-01', (i * 53) % 365), exitKinds[exitIndex]!, true);
      else if (i % 6 === 0) await writePathway(gender, entry, addDays('2018-01-01', i % 300), 'DROPOUT', true);
      else await writePathway(gender, entry, null, null, true);
    }
    const inPathway = counts.entries + counts.carriedOver;
    for (let i = 0; i < Math.round(inPathway * 0.02); i += 1) await writePathway(gender, addDays('2018-01-01', i % 300), null, null, false);
  }

  // The pathways that left in 2014, 2015 and 2016: each year's exits by kind (employment and the rest of the positive
  // exits, dropouts, moves and other exits in 2017's proportions), half of them women.
  for (const year of ['2014', '2015', '2016'] as const) {
    const target = earlier[year];
    const training = Math.round(target.positiveExits * 0.18);
    const dropouts = Math.round(target.exitsWithoutFollowUp * 0.36);
    const moves = Math.round(target.exitsWithoutFollowUp * 0.14);
    const exitKinds = shuffle([
      ...Array<string>(target.employmentExits).fill('EMPLOYMENT'), ...Array<string>(training).fill('TRAINING'),
      ...Array<string>(target.positiveExits - target.employmentExits - training).fill('OTHER_POSITIVE'),
      ...Array<string>(dropouts).fill('DROPOUT'), ...Array<string>(moves).fill('MOVED_DIED_RETIRED'),
      ...Array<string>(target.exitsWithoutFollowUp - dropouts - moves).fill('OTHER'),
    ]);
    const entryYears = yearList(leftIn[year]!, exitsOf(year));
    for (const [i, entryYear] of entryYears.entries()) {
      // Entered the same year: in its first half, out in its second.
      const sameYear = entryYear === year;
      const entry = entryOn(entryYear, i, sameYear);
      const exit = sameYear ? addDays(`${year}-07-01`, (i * 53) % 180) : addDays(`${year}-01-01`, (i * 53) % 365);
      await writePathway(i % 2 === 0 ? 'F' : 'M', entry, exit, exitKinds[i]!, false);
    }
  }

  // Tables 4 and 5: a pathway job in an insertion structure for as many people in pathway in 2017 as published, the
  // PLIE funding the first ones of each kind.
  const cursor = { M: 0, F: 0 };
  for (const [kind, target] of Object.entries(targets.insertionStructures)) {
    for (const gender of ['M', 'F'] as const) {
      const people = gender === 'M' ? target.men : target.total - target.men;
      const funded = gender === 'M' ? target.fundedMen : target.funded - target.fundedMen;
      for (let i = 0; i < people; i += 1) {
        const who = present[gender][cursor[gender]++];
        if (!who) throw new Error(`not enough ${gender} in pathway in 2017 for Table 4`);
        const start = addDays(who.from, Math.floor(daysBetween(who.from, who.to) / 3));
        await steps.line([structureRef(who.s), who.ref, 'PATHWAY_JOB_IAE', start, who.to, yes(i < funded), kind]);
      }
    }
  }
  await Promise.all([participants.close(), pathways.close(), steps.close()]);

  // The yearly questionnaire of the PLIE: 2017's Tables 6, 7 and 10, each item spread evenly over its number of
  // respondents (the first PLIE); for 2014–2016, what Table 6BIS adds to 2017's Table 6, a third each year.
  const questionnaire = file('plie_annual_data', 'structure_ref,year,table,item,column,value');
  for (const [table, items] of Object.entries(targets.questionnaire)) {
    for (const { item, values, respondents } of items) {
      const shared = Math.min(respondents, plieCount);
      for (const [measure, value] of Object.entries(values)) {
        for (const [s, amount] of apportion(value, Array<number>(shared).fill(1)).entries()) await questionnaire.line([structureRef(s), 2017, table, item, measure, amount]);
      }
    }
  }
  const table6 = new Map(targets.questionnaire.FINANCING.map((row) => [row.item, row.values]));
  for (const row of PLIE_TABLE6BIS) {
    const axes = row.total === undefined ? [`axis_3.${row.item}`, `axis_4.${row.item}`] : [`not_mobilised.${row.item}`];
    for (const measure of ['direct', 'indirect', 'total'] as const) {
      const fourYears = row[measure];
      if (fourYears === undefined) continue;
      const of2017 = axes.reduce((sum, item) => sum + (table6.get(item)?.[measure] ?? 0), 0);
      const rest = Math.max(0, round(fourYears, scale) - of2017);
      for (const [index, amount] of apportion(rest, [1, 1, 1]).entries()) {
        for (const [s, share] of apportion(amount, Array<number>(plieCount).fill(1)).entries()) {
          await questionnaire.line([structureRef(s), 2014 + index, 'FINANCING', axes[0]!, measure, share]);
        }
      }
    }
  }
  await questionnaire.close();
  return targets;
}

if (require.main === module) {
  const [outDir, flag, value] = process.argv.slice(2);
  if (!outDir || (flag !== undefined && flag !== '--scale')) {
    process.stderr.write('usage: national-dataset OUT_DIR [--scale 1]\n');
    process.exit(2);
  }
  generateNationalDataset(outDir, flag ? Number(value) : 1)
    .then((targets) => process.stdout.write(`${JSON.stringify(targets, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
