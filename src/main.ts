import { createHttpApp, listen } from './http-app';
import { announce, exitOnStartError, prepareRuntime, stopOnSignal } from './runtime';

async function main(): Promise<void> {
  const runtime = await prepareRuntime();
  const app = await createHttpApp(runtime.options);
  await listen(app, runtime.config.PORT);
  announce(runtime, `API listening on http://localhost:${runtime.config.PORT}`);
  stopOnSignal(app, runtime);
}

main().catch(exitOnStartError);
