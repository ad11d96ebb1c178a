import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module';
import { documentErrors, ErrorDto } from './platform/http/openapi';
import { createValidationPipe } from './platform/http/validation.pipe';
import { PlatformOptions } from './platform/platform.module';
import { registerWebAssets } from './platform/web/web-assets';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** A request's id: the caller's X-Request-Id when it is a sensible one (to follow a request across services), else a new one. */
function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * The HTTP application, configured the same way for the server, the demo and the end-to-end tests. Entry points
 * handle signals themselves: they close the application, then stop the embedded database.
 *
 * On Fastify rather than Express: recording hours is the API's busiest route, and Express's layers (router, body
 * parser, response helpers) cost about a third of a millisecond of CPU per request more.
 */
export async function createHttpApp(options: PlatformOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ routerOptions: { ignoreTrailingSlash: true }, genReqId: requestId });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(options), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // The request's id (its logs carry it) goes back to the caller.
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
  // Answers carry personal data (participants, hours, accounts) or figures of one organisation: no browser or proxy
  // keeps a copy. Only what says otherwise itself (the documentation's static assets) may be cached.
  adapter.getInstance().addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
    done(null, payload);
  });
  // Served over plain HTTP behind a proxy too: do not ask browsers to upgrade the documentation's assets.
  await app.register(fastifyHelmet, { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  await app.register(fastifyMultipart, { limits: { fileSize: options.config.UPLOAD_MAX_BYTES, files: 1 } });
  await registerWebAssets(app);
  app.useGlobalPipes(createValidationPipe());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Clause Tracker — API')
      .setDescription(
        'Suivi des clauses sociales d’insertion dans la commande publique : structures, comptes, marchés, heures d’insertion, consolidation annuelle. ' +
          'Authentification : POST /auth/login, puis en-tête « Authorization: Bearer <jeton> ».',
      )
      .setVersion('1.0')
      .addBearerAuth()
      .build(),
    { extraModels: [ErrorDto] },
  );
  SwaggerModule.setup('api/docs', app, documentErrors(document), { customSiteTitle: 'Clause Tracker — documentation de l’API' });
  return app;
}

/** Listens on every IPv4 interface (Fastify's default is the loopback only). */
export async function listen(app: NestFastifyApplication, port: number): Promise<void> {
  await app.listen(port, '0.0.0.0');
}
