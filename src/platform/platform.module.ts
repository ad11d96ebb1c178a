import { createSecretKey } from 'node:crypto';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { loggedError, loggedUrl } from './logging/log-serializers';
import { AccountStates } from './auth/account-states';
import { AuthGuard, TOKEN_ALGORITHM } from './auth/auth.guard';
import { RouteAccessCheck } from './auth/route-access';
import { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source';
import { AuditEntry } from './audit/audit-entry.entity';
import { Clock } from './clock';
import { AllExceptionsFilter } from './http/exception.filter';
import { IdempotencyKey } from './http/idempotency-key.entity';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { OutboxEvent } from './outbox/outbox-event.entity';
import { OutboxPruner } from './outbox/outbox.pruner';
import { OutboxRelay } from './outbox/outbox.relay';
import { OutboxService } from './outbox/outbox.service';
import { QueueBackend, QueueBackendOptions } from './queue/queue-backend';
import { QueueProducer } from './queue/queue-producer';
import { QueueName } from './queue/queues';
import { RUN_WORKERS, WorkerHost } from './queue/worker-host';
import { RecordImporter } from './records/record-importer';
import { RecordStore } from './records/record-store';
import { WebSessions } from './web/web-sessions';
import { MailOutbox } from './mail/mail-outbox';
import { MailMessage } from './mail/mail-message.entity';
import { MailTransport } from './mail/mail-transport';
import { Notification } from './notifications/notification.entity';
import { ScheduledRun } from './schedules/scheduled-run.entity';
import { ScheduledRuns } from './schedules/scheduled-runs';

export interface PlatformOptions {
  config: AppConfig;
  /** Where the database is: DATABASE_URL, or the embedded server started before the application. */
  databaseUrl: string;
  queue: QueueBackendOptions;
  jwtSecret: string;
  /** Run the queue workers and the outbox relay in this process: for every queue, or only those listed. */
  runWorkers: boolean | QueueName[];
}

/** Configuration, database, queues, outbox, authentication, logging and error mapping: no business knowledge. */
@Global()
@Module({})
export class PlatformModule {
  static register(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        DiscoveryModule,
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.config.LOG_LEVEL,
            // A request is logged by what identifies it, not its headers: serialising them (and redacting the token) for
            // the request's logger was a twentieth of an API write's CPU. Neither query values nor a failed statement's
            // values are logged: they carry personal data.
            serializers: {
              req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: loggedUrl(request.url) }),
              err: loggedError,
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            // One line per request at `info`: when that level is off, no per-request listener and timing at all.
            autoLogging: ['info', 'debug', 'trace'].includes(options.config.LOG_LEVEL) && { ignore: (request) => request.url === '/health' },
          },
        }),
        // Each module registers its own entities (forFeature); the platform registers the outbox's, the audit trail's
        // the idempotency keys', the e-mails', the notifications' and the scheduled runs'.
        TypeOrmModule.forRoot({ ...dataSourceOptions(options.databaseUrl, []), autoLoadEntities: true }),
        TypeOrmModule.forFeature([OutboxEvent, AuditEntry, IdempotencyKey, MailMessage, Notification, ScheduledRun]),
        // A key object, not the string: given a string, jsonwebtoken first tries (and fails) to read it as a public
        // key on every verification, which cost ≈ 1.3 ms of CPU per authenticated request.
        JwtModule.register({
          global: true,
          secret: createSecretKey(Buffer.from(options.jwtSecret, 'utf8')) as unknown as string,
          signOptions: { expiresIn: options.config.JWT_TTL_SECONDS, algorithm: TOKEN_ALGORITHM },
          verifyOptions: { algorithms: [TOKEN_ALGORITHM] },
        }),
      ],
      providers: [
        { provide: AppConfig, useValue: options.config },
        { provide: RUN_WORKERS, useValue: options.runWorkers },
        { provide: QueueBackend, useFactory: () => new QueueBackend(options.queue) },
        QueueProducer,
        WorkerHost,
        AccountStates,
        OutboxService,
        OutboxRelay,
        OutboxPruner,
        RouteAccessCheck,
        Clock,
        RecordStore,
        RecordImporter,
        WebSessions,
        MailTransport,
        MailOutbox,
        ScheduledRuns,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [AccountStates, AppConfig, QueueBackend, QueueProducer, WorkerHost, OutboxService, OutboxRelay, RouteAccessCheck, Clock, RecordStore, RecordImporter, WebSessions, MailOutbox, ScheduledRuns],
    };
  }
}
