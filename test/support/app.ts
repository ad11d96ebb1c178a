import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { createHttpApp } from '../../src/http-app';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { StructuresService } from '../../src/modules/structures/structures.service';
import { loadConfig } from '../../src/platform/config/app-config';
import { Role } from '../../src/platform/auth/roles';
import { QueueBackendKind } from '../../src/platform/queue/queue-backend';
import { PlatformOptions } from '../../src/platform/platform.module';
import { createTestDatabase, TestDatabase } from './database';

export interface TestOptions {
  runWorkers?: boolean;
  queue?: QueueBackendKind;
  /** Another Redis than the shared one (the outbox test stops its own). */
  redisUrl?: string;
  env?: Record<string, string>;
  /** The BullMQ prefix, to share queues between contexts (a fresh one by default). */
  prefix?: string;
}

export function testPlatformOptions(databaseUrl: string, options: TestOptions = {}): PlatformOptions {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.CT_TEST_LOG ?? "silent", OUTBOX_POLL_MS: '50', ...options.env });
  // Each file gets its own queue prefix (and its own database): no job crosses from one file to another.
  const prefix = options.prefix ?? `t${randomBytes(5).toString('hex')}`;
  return {
    config,
    databaseUrl,
    queue:
      options.queue === 'postgres'
        ? { kind: 'postgres', url: databaseUrl, prefix }
        : { kind: 'redis', url: options.redisUrl ?? process.env.CT_TEST_REDIS_URL!, prefix },
    jwtSecret: randomBytes(32).toString('hex'),
    runWorkers: options.runWorkers ?? false,
  };
}

export interface TestApp {
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  database: TestDatabase;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** The real HTTP application on a fresh database and real queues. */
export async function startTestApp(options: TestOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await startHttpOn(database.url, options);
  return {
    app,
    http: app.getHttpServer(),
    database,
    dataSource: app.get(DataSource),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** The HTTP application on a database the caller manages. */
export async function startHttpOn(databaseUrl: string, options: TestOptions = {}): Promise<INestApplication> {
  const app = await createHttpApp(testPlatformOptions(databaseUrl, options));
  await app.init();
  // Fastify registers its routes and plugins when ready; supertest then talks to its server.
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** The application without HTTP, as the worker process runs it. */
export async function startTestContext(options: TestOptions = {}): Promise<{ context: INestApplicationContext; database: TestDatabase; close(): Promise<void> }> {
  const database = await createTestDatabase();
  const context = await startContextOn(database.url, options);
  return {
    context,
    database,
    close: async () => {
      await context.close();
      await database.drop();
    },
  };
}

/** The application without HTTP on a database the caller manages (one of its own, or shared by several contexts). */
export async function startContextOn(databaseUrl: string, options: TestOptions = {}): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(AppModule.register(testPlatformOptions(databaseUrl, options)), { logger: false });
  await context.init();
  return context;
}

export const TEST_PASSWORD = 'correct horse battery staple';

let accountCounter = 0;

/** Inserts an account through the service (as the CLI does) and returns it with a logged-in token. */
export async function accountWithToken(
  testApp: TestApp,
  role: Role,
  attachment: { structureRef?: string; siret?: string } = {},
): Promise<{ id: string; email: string; token: string }> {
  accountCounter += 1;
  const email = `${role.toLowerCase()}-${accountCounter}-${randomBytes(3).toString('hex')}@test.clause-tracker.fr`;
  const account = await testApp.app.get(AccountsService).create({ email, password: TEST_PASSWORD, role, ...attachment });
  const response = await request(testApp.http).post('/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
  return { id: account.id, email, token: (response.body as { accessToken: string }).accessToken };
}

export async function createStructure(testApp: TestApp | INestApplicationContext, ref: string): Promise<{ id: string; ref: string }> {
  const context = 'app' in testApp ? testApp.app : testApp;
  return context.get(StructuresService).create({ ref, name: `Structure ${ref}`, kind: 'PLIE' });
}

/** Valid SIRETs (Luhn) for tests. */
export const SIRET = { buyer: '21690123100011', company: '73282932000074' };
