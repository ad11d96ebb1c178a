import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { createValidationPipe } from './platform/http/validation.pipe';
import { PlatformOptions } from './platform/platform.module';

/**
 * The HTTP application, configured the same way for the server, the demo and the end-to-end tests. Entry points
 * handle signals themselves: they close the application, then stop the embedded database.
 */
export async function createHttpApp(options: PlatformOptions): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.register(options), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Served over plain HTTP behind a proxy too: do not ask browsers to upgrade the documentation's assets.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
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
  );
  SwaggerModule.setup('api/docs', app, document, { customSiteTitle: 'Clause Tracker — documentation de l’API' });
  return app;
}
