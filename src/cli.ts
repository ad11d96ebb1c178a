import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { existsSync, writeFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { CreateAccountDto } from './modules/accounts/dto/account.dto';
import { AccountsService } from './modules/accounts/accounts.service';
import { CreateStructureDto } from './modules/structures/dto/structure.dto';
import { StructuresService } from './modules/structures/structures.service';
import { COMMAND_LINE, ConsolidationService } from './modules/consolidation/consolidation.service';
import type { ConsolidationReport } from './modules/consolidation/consolidation.rules';
import { RequestConsolidationDto } from './modules/consolidation/dto/consolidation.dto';
import { reportCsvArchive } from './modules/consolidation/render/report-csv';
import { reportHtml } from './modules/consolidation/render/report-html';
import { reportXlsx } from './modules/consolidation/render/report-xlsx';
import { FulfilmentService } from './modules/fulfilment/fulfilment.service';
import { IMPORT_KINDS } from './modules/imports/imports.rules';
import { ParticipantsRetention } from './modules/participants/participants.retention';
import { RemindersService } from './modules/reminders/reminders.service';
import { ImportsService } from './modules/imports/imports.service';
import { ConfigError } from './platform/config/app-config';
import { dataSourceOptions, runMigrations } from './platform/database/data-source';
import { ConflictError, DomainError, InvalidError } from './platform/http/domain-errors';
import { flattenValidationErrors } from './platform/http/validation.pipe';
import { QueueName } from './platform/queue/queues';
import { prepareRuntime, Runtime } from './runtime';
import { progressPrinter } from './cli-progress';

const USAGE = `Usage : npm run cli -- <commande> [options]

Commandes :
  migrate                                    applique les migrations de la base
  structure:create --ref REF --name NOM --kind PLIE|MDE|EPCI|MUNICIPALITY|DEPARTMENT|OTHER [--region RÉGION]
  user:create --role ADMIN|NATIONAL|FACILITATOR|BUYER|COMPANY --email E-MAIL --password MOT_DE_PASSE
              [--structure REF] [--siret SIRET]
  import TYPE FICHIER [--structure REF]      importe un fichier CSV (types : ${IMPORT_KINDS.join(', ')}), tout ou rien
  fulfilment:recompute [--structure REF]     demande le recalcul complet de la réalisation des marchés (workers)
  consolidate --year ANNÉE [--structure REF | --buyer SIRET] [--format json|csv|xlsx|html] [--out FICHIER]
                                             consolidation annuelle par les workers, avancement sur la sortie d'erreur ;
                                             sans --out, le JSON (ou le HTML) sur la sortie standard ; xlsx et csv
                                             (une archive ZIP d'un CSV par tableau) demandent --out
  reminders:run --date AAAA-MM-JJ            fait les rappels du jour donné (notifications et courriels), une fois par
                                             jour, et attend l'envoi des courriels (fichiers .eml sans SMTP_URL)
  retention:run --date AAAA-MM-JJ            efface les identités des participants sans activité depuis RETENTION_YEARS ans
  migration:generate NOM                     (développement) écrit la migration qui amène la base au modèle
`;

/** An import refused: its answer goes to standard output, like a success, but the command fails. */
class RefusedImport extends Error {
  constructor(readonly answer: unknown) {
    super('import refused');
  }
}

class UsageError extends Error {}

/** A result written as it is on standard output (a report), rather than as JSON. */
class RawOutput {
  constructor(readonly content: string) {}
}

const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'html'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

async function renderReport(report: ConsolidationReport, format: ReportFormat): Promise<string | Buffer> {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'html':
      return reportHtml(report);
    case 'xlsx':
      return reportXlsx(report);
    case 'csv':
      return reportCsvArchive(report);
  }
}

/** Requests the consolidation through the queue, reports progress on standard error, waits for the snapshot. */
async function consolidate(app: INestApplicationContext, input: RequestConsolidationDto, format: ReportFormat, out: string | undefined): Promise<unknown> {
  const consolidations = app.get(ConsolidationService);
  const { id } = await consolidations.request(COMMAND_LINE, input);
  let said = '';
  for (;;) {
    const status = await consolidations.get(COMMAND_LINE, id);
    const line = `[${String(status.progress).padStart(3)} %] ${status.stage ?? status.summary}`;
    if (line !== said) process.stderr.write(`${line}\n`);
    said = line;
    if (status.status === 'FAILED') throw new ConflictError(status.summary);
    if (status.status === 'DONE') {
      process.stderr.write(`${status.summary}\n`);
      const content = await renderReport(await consolidations.report(COMMAND_LINE, id), format);
      if (!out) return new RawOutput(content.toString());
      writeFileSync(out, content);
      return { snapshotId: id, format, file: out, summary: status.summary };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A --date option: a real calendar day AAAA-MM-JJ. */
function dayFlag(value: string | undefined): string {
  const valid = value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
  if (!valid) throw new UsageError('--date attend un jour AAAA-MM-JJ, par exemple --date 2017-12-05');
  return value;
}

/** How long the command waits for the day's e-mails to be sent by its own mail worker. */
const MAIL_WAIT_MS = 60_000;

/** Runs a day's reminders, then waits until the e-mails they wrote have left (sent, or failed for good). */
async function runReminders(app: INestApplicationContext, day: string): Promise<unknown> {
  const dataSource = app.get(DataSource);
  const [{ since }]: { since: Date }[] = await dataSource.query('SELECT now() AS since');
  const summary = await app.get(RemindersService).runDay(day);
  if (summary === undefined) return { date: day, done: false, summary: `Rappels du ${day} déjà faits : rien de plus` };
  const deadline = Date.now() + MAIL_WAIT_MS;
  for (;;) {
    const [mail]: { pending: number; sent: number; failed: number }[] = await dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending, count(*) FILTER (WHERE status = 'SENT')::int AS sent,
              count(*) FILTER (WHERE status = 'FAILED')::int AS failed FROM mail_message WHERE created_at >= $1`,
      [since],
    );
    if (mail!.pending === 0 || Date.now() > deadline) return { date: day, done: true, summary, mail };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** `--name value` pairs and positional words. */
export function parseArguments(argv: string[]): { positional: string[]; flags: Record<string, string> } {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const word = argv[index];
    if (!word.startsWith('--')) {
      positional.push(word);
      continue;
    }
    const value = argv[index + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`L’option ${word} attend une valeur`);
    flags[word.slice(2)] = value;
    index += 1;
  }
  return { positional, flags };
}

async function validated<T extends object>(type: new () => T, input: Record<string, unknown>): Promise<T> {
  const instance = plainToInstance(type, input);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new InvalidError(flattenValidationErrors(errors));
  return instance;
}

function knownFlags(flags: Record<string, string>, allowed: string[]): void {
  const unknown = Object.keys(flags).filter((flag) => !allowed.includes(flag));
  if (unknown.length > 0) throw new UsageError(`Option inconnue : ${unknown.map((flag) => `--${flag}`).join(', ')}`);
}

async function withApp<T>(runtime: Runtime, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(AppModule.register(runtime.options), { logger: ['error'] });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

/** Writes a migration with the SQL that brings a migrated database to the entities (nothing when they agree). */
async function generateMigration(runtime: Runtime, name: string): Promise<unknown> {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new UsageError('Le nom de migration s’écrit en PascalCase, par exemple AddMarkets');
  const dataSource = new DataSource(dataSourceOptions(runtime.database.url, ENTITIES, MIGRATIONS));
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) return { generated: false, message: 'Le modèle et les migrations concordent' };
    const timestamp = Date.now();
    const escape = (query: string) => query.replace(/\\/g, '\\\\').replace(/`/g, '\\`');
    const lines = (queries: { query: string }[]) => queries.map((q) => `    await queryRunner.query(\`${escape(q.query)}\`);`).join('\n');
    const file = join(__dirname, '..', 'src', 'migrations', `${timestamp}-${name}.ts`);
    writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${timestamp} implements MigrationInterface {\n` +
        `  name = '${name}${timestamp}';\n\n  public async up(queryRunner: QueryRunner): Promise<void> {\n${lines(sql.upQueries)}\n  }\n\n` +
        `  public async down(queryRunner: QueryRunner): Promise<void> {\n${lines([...sql.downQueries].reverse())}\n  }\n}\n`,
    );
    return { generated: true, file };
  } finally {
    await dataSource.destroy();
  }
}

async function run(argv: string[]): Promise<unknown> {
  if (argv.length === 0 || argv[0] === 'help' || argv.includes('--help') || argv.includes('-h')) return new RawOutput(USAGE);
  const { positional, flags } = parseArguments(argv);
  const [command, ...rest] = positional;
  switch (command) {
    case 'migrate': {
      knownFlags(flags, []);
      const runtime = await prepareRuntime({ migrate: false });
      try {
        return { applied: await runMigrations(runtime.database.url, ENTITIES, MIGRATIONS) };
      } finally {
        await runtime.database.stop();
      }
    }
    case 'migration:generate': {
      knownFlags(flags, []);
      if (!rest[0]) throw new UsageError('Nom de la migration manquant');
      const runtime = await prepareRuntime({ migrate: true });
      try {
        return await generateMigration(runtime, rest[0]);
      } finally {
        await runtime.database.stop();
      }
    }
    case 'structure:create':
    case 'user:create': {
      const isUser = command === 'user:create';
      knownFlags(flags, isUser ? ['role', 'email', 'password', 'structure', 'siret'] : ['ref', 'name', 'kind', 'region']);
      const input = isUser
        ? await validated(CreateAccountDto, { role: flags.role, email: flags.email, password: flags.password, structureRef: flags.structure, siret: flags.siret })
        : await validated(CreateStructureDto, flags);
      const runtime = await prepareRuntime({ migrate: true, runWorkers: false });
      try {
        return await withApp<unknown>(runtime, (app) =>
          isUser ? app.get(AccountsService).ensure(input as CreateAccountDto) : app.get(StructuresService).create(input as CreateStructureDto),
        );
      } finally {
        await runtime.database.stop();
      }
    }
    case 'import': {
      knownFlags(flags, ['structure']);
      const [kind, file] = rest;
      if (!kind || !file) throw new UsageError('Type d’import et fichier attendus');
      if (!existsSync(file)) throw new UsageError(`Fichier introuvable : ${file}`);
      const runtime = await prepareRuntime({ migrate: true, runWorkers: false });
      try {
        const answer = await withApp(runtime, (app) =>
          app.get(ImportsService).run(kind, file, { scope: { kind: 'all' }, actor: { id: null, label: 'cli' }, fileName: basename(file), progress: progressPrinter(process.stderr) }, flags.structure),
        );
        if ('errors' in answer) throw new RefusedImport(answer);
        return answer;
      } finally {
        await runtime.database.stop();
      }
    }
    case 'fulfilment:recompute': {
      knownFlags(flags, ['structure']);
      const runtime = await prepareRuntime({ migrate: true, runWorkers: false });
      try {
        return await withApp(runtime, (app) => app.get(FulfilmentService).requestFullRecompute(flags.structure));
      } finally {
        await runtime.database.stop();
      }
    }
    case 'consolidate': {
      knownFlags(flags, ['year', 'structure', 'buyer', 'format', 'out']);
      if (flags.structure && flags.buyer) throw new UsageError('--structure et --buyer s’excluent : un seul périmètre');
      const format = (flags.format ?? 'json') as ReportFormat;
      if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format doit être l’un de : ${REPORT_FORMATS.join(', ')}`);
      if ((format === 'xlsx' || format === 'csv') && !flags.out) throw new UsageError(`Le format ${format} s’écrit dans un fichier : ajoutez --out FICHIER`);
      const scope = flags.structure ? { kind: 'structure', ref: flags.structure } : flags.buyer ? { kind: 'buyer', ref: flags.buyer } : { kind: 'national', ref: null };
      const input = await validated(RequestConsolidationDto, { year: flags.year === undefined ? undefined : Number(flags.year), scope });
      // Only the consolidation's worker: another queue's backlog (say, after a large import) is not this command's work.
      const runtime = await prepareRuntime({ migrate: true, runWorkers: [QueueName.Consolidation] });
      try {
        return await withApp(runtime, (app) => consolidate(app, input, format, flags.out));
      } finally {
        await runtime.database.stop();
      }
    }
    case 'reminders:run': {
      knownFlags(flags, ['date']);
      const day = dayFlag(flags.date);
      // The mail worker and the outbox relay run here, so the command's e-mails leave even with no worker started.
      const runtime = await prepareRuntime({ migrate: true, runWorkers: [QueueName.Mail] });
      try {
        return await withApp(runtime, (app) => runReminders(app, day));
      } finally {
        await runtime.database.stop();
      }
    }
    case 'retention:run': {
      knownFlags(flags, ['date']);
      const day = dayFlag(flags.date);
      const runtime = await prepareRuntime({ migrate: true, runWorkers: false });
      try {
        const summary = await withApp(runtime, (app) => app.get(ParticipantsRetention).runDay(day));
        return { date: day, done: summary !== undefined, summary: summary ?? `Effacements du ${day} déjà faits : rien de plus` };
      } finally {
        await runtime.database.stop();
      }
    }
    default:
      throw new UsageError(`Commande inconnue : ${command}`);
  }
}

run(process.argv.slice(2))
  .then((result) => {
    // Exit once standard output is flushed: a report piped to another program must arrive whole.
    process.stdout.write(result instanceof RawOutput ? result.content : `${JSON.stringify(result, null, 2)}\n`, () => process.exit(0));
  })
  .catch((error: unknown) => {
    if (error instanceof RefusedImport) {
      process.stdout.write(`${JSON.stringify(error.answer, null, 2)}\n`);
    } else if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
    } else if (error instanceof InvalidError) {
      process.stderr.write(`${JSON.stringify({ erreurs: error.problems }, null, 2)}\n`);
    } else if (error instanceof DomainError) {
      process.stderr.write(`${error.message}\n`);
    } else if (error instanceof ConfigError) {
      for (const problem of error.problems) process.stderr.write(`Configuration: ${problem}\n`);
    } else {
      process.stderr.write(`Échec : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(1);
  });
