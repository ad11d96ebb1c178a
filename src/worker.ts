import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { announce, exitOnStartError, prepareRuntime, stopOnSignal } from './runtime';

/** The queue workers and the outbox relay, without HTTP: scaled apart from the API. */
async function main(): Promise<void> {
  const runtime = await prepareRuntime({ runWorkers: true });
  const app = await NestFactory.createApplicationContext(AppModule.register(runtime.options), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  announce(runtime, 'worker started');
  stopOnSignal(app, runtime);
}

main().catch(exitOnStartError);
