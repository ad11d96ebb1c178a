import { randomBytes } from 'node:crypto';
import { createHttpApp, listen } from './http-app';
import { AccountsService } from './modules/accounts/accounts.service';
import { StructuresService } from './modules/structures/structures.service';
import { Role } from './platform/auth/roles';
import { NotFoundError } from './platform/http/domain-errors';
import { announce, exitOnStartError, prepareRuntime, stopOnSignal } from './runtime';

const DEMO_STRUCTURE = { ref: 'PLIE-DEMO', name: 'PLIE de démonstration', kind: 'PLIE' as const, region: 'Auvergne-Rhône-Alpes' };

/**
 * The whole platform in one process on the embedded defaults: API, workers and outbox relay, a demo structure,
 * an administrator and a facilitator whose fresh passwords are printed once at start.
 */
async function main(): Promise<void> {
  const runtime = await prepareRuntime({ runWorkers: true, migrate: true });
  const app = await createHttpApp(runtime.options);
  await listen(app, runtime.config.PORT);
  stopOnSignal(app, runtime);

  const structures = app.get(StructuresService);
  await structures.getByRef({ kind: 'all' }, DEMO_STRUCTURE.ref).catch(async (error: unknown) => {
    if (!(error instanceof NotFoundError)) throw error;
    return structures.create(DEMO_STRUCTURE);
  });
  const accounts = app.get(AccountsService);
  const password = () => randomBytes(12).toString('base64url');
  const admin = { email: 'admin@demo.clause-tracker.fr', password: password(), role: Role.Admin };
  const facilitator = { email: 'facilitateur@demo.clause-tracker.fr', password: password(), role: Role.Facilitator, structureRef: DEMO_STRUCTURE.ref };
  await accounts.ensure(admin);
  await accounts.ensure(facilitator);

  const base = `http://localhost:${runtime.config.PORT}`;
  announce(runtime, `demo listening on ${base}`);
  process.stdout.write(
    [
      '',
      'Clause Tracker — démonstration',
      `  API            ${base}`,
      `  Documentation  ${base}/api/docs`,
      `  Santé          ${base}/health`,
      `  Administrateur ${admin.email} / ${admin.password}`,
      `  Facilitateur   ${facilitator.email} / ${facilitator.password}  (structure ${DEMO_STRUCTURE.ref})`,
      ...(runtime.database.location ? [`  Base de données ${runtime.database.location}`] : []),
      '  Ctrl+C arrête le service et la base embarquée.',
      '',
    ].join('\n') + '\n',
  );
}

main().catch(exitOnStartError);
