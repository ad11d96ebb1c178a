/**
 * Writes the import files of one large structure, deterministically: every market, contract and participant valid, so
 * that the hours file imports whole. Used to measure the import (`bench/README.md`).
 *
 *   node dist-bench/bench/generate-structure.js OUT_DIR [--hours 300000]
 */
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { isValidSiret } from '../src/platform/validation/siret';

const MONTHS_PER_CONTRACT = 12;

function siretFrom(seed: number): string {
  const prefix = String(seed).padStart(13, '0');
  for (let key = 0; key < 10; key += 1) if (isValidSiret(`${prefix}${key}`)) return `${prefix}${key}`;
  throw new Error(`no Luhn key for ${prefix}`);
}

async function writeLines(path: string, header: string, count: number, line: (index: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  for (let index = 0; index < count; index += 1) {
    if (!out.write(`${line(index)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/**
 * Writes the files (buyers, companies, markets, awards, participants, work_contracts, hours) and says how many of each:
 * a contract per 12 hours rows, and a market per 12 contracts unless `markets` says how many.
 */
export async function writeStructureFiles(outDir: string, hours: number, markets = Math.max(1, Math.ceil(hours / MONTHS_PER_CONTRACT / 12))) {
  const contracts = Math.ceil(hours / MONTHS_PER_CONTRACT);
  const companies = Math.max(1, Math.ceil(markets / 10));
  const buyers = Math.max(1, Math.ceil(markets / 100));
  mkdirSync(outDir, { recursive: true });

  writeFileSync(join(outDir, 'buyers.csv'), ['ref,name,kind,siret', ...Array.from({ length: buyers }, (_, i) => `B${i},Acheteur ${i},MUNICIPALITY,${siretFrom(2_000_000_000 + i)}`)].join('\n') + '\n');
  writeFileSync(join(outDir, 'companies.csv'), ['siret,name,kind', ...Array.from({ length: companies }, (_, i) => `${siretFrom(4_000_000_000 + i)},Entreprise ${i},ORDINARY`)].join('\n') + '\n');
  await writeLines(join(outDir, 'markets.csv'), 'ref,buyer_ref,title,legal_basis,sector,hours_objective,start_date,end_date', markets, (i) => `M${i},B${i % buyers},Marché ${i},EXECUTION_CONDITION,BUILDING,${2000 + (i % 50) * 100},2016-01-01,2018-12-31`);
  await writeLines(join(outDir, 'awards.csv'), 'market_ref,company_siret,role', markets, (i) => `M${i},${siretFrom(4_000_000_000 + (i % companies))},HOLDER`);
  await writeLines(join(outDir, 'participants.csv'), 'ref,birth_date,gender,publics,eligibility_validated_on', contracts, (i) => `P${i},19${60 + (i % 40)}-0${1 + (i % 9)}-15,${i % 3 === 0 ? 'F' : 'M'},${i % 2 ? 'RSA' : 'LONG_TERM_UNEMPLOYED|QPV_RESIDENT'},2016-12-01`);
  await writeLines(join(outDir, 'work_contracts.csv'), 'ref,participant_ref,employer_siret,market_ref,kind,mode,start_date,end_date', contracts, (i) =>
    `C${i},P${i},${siretFrom(4_000_000_000 + ((i % markets) % companies))},M${i % markets},CDD,DIRECT_HIRE,2017-01-01,2017-12-31`);
  await writeLines(join(outDir, 'hours.csv'), 'work_contract_ref;month;hours_worked;training_hours', hours, (i) => {
    const month = (i % MONTHS_PER_CONTRACT) + 1;
    return `C${Math.floor(i / MONTHS_PER_CONTRACT)};2017-${String(month).padStart(2, '0')};${100 + (i % 52)},${i % 4 === 0 ? '5' : '67'};${i % 10 === 0 ? '7' : ''}`;
  });
  return { outDir, buyers, companies, markets, participants: contracts, contracts, hours };
}

async function main(): Promise<void> {
  const [outDir, flag, value] = process.argv.slice(2);
  if (!outDir) throw new Error('usage: generate-structure OUT_DIR [--hours N]');
  const counts = await writeStructureFiles(outDir, flag === '--hours' ? Number(value) : 300_000);
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}

if (require.main === module) main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
