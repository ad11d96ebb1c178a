import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHttpApp, listen } from './http-app';
import { AccountsService } from './modules/accounts/accounts.service';
import { ImportsService } from './modules/imports/imports.service';
import { StructuresService } from './modules/structures/structures.service';
import { Role } from './platform/auth/roles';
import { NotFoundError } from './platform/http/domain-errors';
import { announce, exitOnStartError, prepareRuntime, stopOnSignal } from './runtime';

/** The fixture structure of the tests (a PLIE of the Lyon area, 2017), loaded through the real import. */
const FIXTURE = {
  structure: { ref: 'PLIE-SUD-LYONNAIS', name: 'PLIE du Sud Lyonnais (démonstration)', kind: 'PLIE' as const, region: 'Auvergne-Rhône-Alpes' },
  folder: join(__dirname, '..', 'test', 'fixtures', 'plie-sud-lyonnais'),
  kinds: ['buyers', 'operations', 'markets', 'companies', 'awards', 'participants', 'work_contracts', 'hours', 'plie_pathways', 'plie_steps', 'plie_annual_data'],
  /** Organisations of that data: a company holding several awards, a buyer with markets. */
  companySiret: '51234567000214',
  buyerSiret: '21690259000126',
};
const EMPTY = { structure: { ref: 'PLIE-DEMO', name: 'PLIE de démonstration', kind: 'PLIE' as const, region: 'Auvergne-Rhône-Alpes' } };

/**
 * The whole platform in one process on the embedded defaults: web application, API, workers and outbox relay, a
 * structure with realistic data (or none with `--empty`) and a demo account for each role. An account's password is printed when it
 * is created; a later start on the same data folder keeps it (`npm run cli -- user:create` resets one).
 */
async function main(): Promise<void> {
  const empty = process.argv.includes('--empty');
  const runtime = await prepareRuntime({ runWorkers: true, migrate: true });
  const app = await createHttpApp(runtime.options);
  await listen(app, runtime.config.PORT);
  stopOnSignal(app, runtime);

  const structure = empty ? EMPTY.structure : FIXTURE.structure;
  const structures = app.get(StructuresService);
  const created = await structures.getByRef({ kind: 'all' }, structure.ref).then(
    () => false,
    async (error: unknown) => {
      if (!(error instanceof NotFoundError)) throw error;
      await structures.create(structure);
      return true;
    },
  );

  const accounts = app.get(AccountsService);
  const demoAccounts = [
    { label: 'Administrateur', email: 'admin@demo.clause-tracker.fr', role: Role.Admin },
    { label: 'Tête de réseau', email: 'national@demo.clause-tracker.fr', role: Role.National },
    { label: 'Facilitateur', email: 'facilitateur@demo.clause-tracker.fr', role: Role.Facilitator, structureRef: structure.ref },
    ...(empty
      ? []
      : [
          { label: 'Entreprise', email: 'entreprise@demo.clause-tracker.fr', role: Role.Company, siret: FIXTURE.companySiret },
          { label: 'Acheteur', email: 'acheteur@demo.clause-tracker.fr', role: Role.Buyer, siret: FIXTURE.buyerSiret },
        ]),
  ];
  const lines: string[] = [];
  let importer: { id: string; label: string } | undefined;
  for (const { label, ...input } of demoAccounts) {
    const password = randomBytes(12).toString('base64url');
    const { account, created: isNew } = await accounts.createIfMissing({ ...input, password });
    if (input.role === Role.Admin) importer = { id: account.id, label: account.email };
    lines.push(`  ${label.padEnd(15)}${account.email} / ${isNew ? password : '(mot de passe défini au premier démarrage)'}`);
  }

  if (created && !empty) {
    if (!existsSync(FIXTURE.folder)) throw new Error(`demo data not found in ${FIXTURE.folder}`);
    const imports = app.get(ImportsService);
    for (const kind of FIXTURE.kinds) {
      const answer = await imports.run(kind, join(FIXTURE.folder, `${kind}.csv`), { scope: { kind: 'all' }, actor: importer!, fileName: `${kind}.csv` }, structure.ref);
      if ('errors' in answer) throw new Error(`demo data ${kind} refused: ${JSON.stringify(answer.errors.slice(0, 3))}`);
    }
  }

  const base = `http://localhost:${runtime.config.PORT}`;
  announce(runtime, `demo listening on ${base}`);
  process.stdout.write(
    [
      '',
      'Clause Tracker — démonstration',
      `  Application    ${base}/`,
      `  API            ${base}/api/docs`,
      `  Santé          ${base}/health`,
      `  Structure      ${structure.ref} — ${structure.name}${empty ? ' (vide)' : ' (données 2017)'}`,
      ...lines,
      ...(empty ? [] : [`  Heures d’un mois de ces données : ${base}/heures?mois=2017-11`]),
      ...(runtime.database.location ? [`  Base de données ${runtime.database.location}`] : []),
      '  Ctrl+C arrête le service et la base embarquée.',
      '',
    ].join('\n') + '\n',
  );
}

main().catch(exitOnStartError);
