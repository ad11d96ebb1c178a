import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const DESCRIPTIONS = new Map<string, string>();

/** Records the one-line description of a variable, shown in errors and in the README table. */
function Describe(text: string): PropertyDecorator {
  return (_target, key) => {
    DESCRIPTIONS.set(String(key), text);
  };
}

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  if (['true', '1', 'yes', 'oui'].includes(text)) return true;
  if (['false', '0', 'no', 'non'].includes(text)) return false;
  return value;
};
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Every setting of the service, read once from the environment at start.
 * One property per variable: its validation rule, its default and its description.
 */
export class AppConfig {
  @Describe('Environment: development, test or production (production requires JWT_SECRET).')
  @IsIn(['development', 'test', 'production'], { message: 'development, test or production' })
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Describe('HTTP port of the API.')
  @Transform(toInt)
  @IsInt({ message: 'an integer' })
  @Min(0, { message: 'at least 0' })
  @Max(65535, { message: 'at most 65535' })
  PORT = 3000;

  @Describe('PostgreSQL URL (postgres://…). Unset: an embedded PostgreSQL kept in DATA_DIR.')
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'an URL postgres://user:password@host:port/database' })
  DATABASE_URL?: string;

  @Describe('Redis URL (redis://…) of the BullMQ queues. Unset: BullMQ on its PostgreSQL backend, in the application database.')
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'an URL redis://host:port' })
  REDIS_URL?: string;

  @Describe('Secret signing the JWTs (32 characters at least). Unset outside production: generated once and kept in DATA_DIR.')
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'at least 32 characters' })
  JWT_SECRET?: string;

  @Describe('Lifetime of an access token, in seconds.')
  @Transform(toInt)
  @IsInt({ message: 'an integer' })
  @Min(60, { message: 'at least 60' })
  @Max(86400, { message: 'at most 86400' })
  JWT_TTL_SECONDS = 900;

  @Describe('Minutes without a request after which a web session ends.')
  @Transform(toInt)
  @IsInt({ message: 'an integer' })
  @Min(1, { message: 'at least 1' })
  @Max(1440, { message: 'at most 1440' })
  SESSION_IDLE_MINUTES = 30;

  @Describe('Local data folder (embedded PostgreSQL, generated secret).')
  @IsString()
  @MinLength(1, { message: 'a folder path' })
  DATA_DIR = './.data';

  @Describe('Log level: fatal, error, warn, info, debug, trace or silent.')
  @IsIn(LOG_LEVELS, { message: LOG_LEVELS.join(', ') })
  LOG_LEVEL: LogLevel = 'info';

  @Describe('Also run the BullMQ workers and the outbox relay inside the API process.')
  @Transform(toBool)
  @IsBoolean({ message: 'true or false' })
  RUN_WORKERS = false;

  @Describe('Prefix of the BullMQ queues (isolates installations sharing one Redis).')
  @Matches(/^[a-z][a-z0-9_-]{0,30}$/, { message: 'lowercase letters, digits, - or _ (31 at most)' })
  QUEUE_PREFIX = 'ct';

  @Describe('How often the relay polls the outbox, in milliseconds: only a safety net, since every committed event wakes it (LISTEN/NOTIFY); also how often it checks on leases.')
  @Transform(toInt)
  @IsInt({ message: 'an integer' })
  @Min(10, { message: 'at least 10' })
  @Max(60000, { message: 'at most 60000' })
  OUTBOX_POLL_MS = 5000;

  @Describe('How long an event published to the queue may stay unapplied before the relay checks on its job and publishes it again if the queue lost it, in milliseconds.')
  @Transform(toInt)
  @IsInt({ message: 'an integer' })
  @Min(1000, { message: 'at least 1000' })
  @Max(3_600_000, { message: 'at most 3600000' })
  OUTBOX_LEASE_MS = 60_000;

  @Describe('How many days an outbox event is kept once applied (for the record); older ones are removed every hour.')
  @Transform(toInt)
  @IsInt({ message: 'an integer' })
  @Min(1, { message: 'at least 1' })
  OUTBOX_RETENTION_DAYS = 7;

  @Describe('Delay before the first retry of a failed job, in milliseconds; it doubles at each retry.')
  @Transform(toInt)
  @IsInt({ message: 'an integer' })
  @Min(10, { message: 'at least 10' })
  @Max(600_000, { message: 'at most 600000' })
  JOB_RETRY_BASE_MS = 1000;

  @Describe('Longest delay between two retries of a failed job, in milliseconds.')
  @Transform(toInt)
  @IsInt({ message: 'an integer' })
  @Min(100, { message: 'at least 100' })
  @Max(3_600_000, { message: 'at most 3600000' })
  JOB_RETRY_MAX_MS = 120_000;

  @Describe('How long a worker holds a job without renewing its lock before another worker takes it over (a worker that died), in milliseconds.')
  @Transform(toInt)
  @IsInt({ message: 'an integer' })
  @Min(500, { message: 'at least 500' })
  @Max(600_000, { message: 'at most 600000' })
  JOB_LOCK_MS = 30_000;

  @Describe('How often a worker compares every market\'s fulfilment with its last change and recomputes those behind, in milliseconds.')
  @Transform(toInt)
  @IsInt({ message: 'an integer' })
  @Min(1000, { message: 'at least 1000' })
  @Max(86_400_000, { message: 'at most 86400000' })
  RECONCILE_EVERY_MS = 300_000;

  @Describe('Largest file an import accepts, in bytes; past it the upload is refused (413) as soon as the limit is passed.')
  @Transform(toInt)
  @IsInt({ message: 'an integer' })
  @Min(1024, { message: 'at least 1024' })
  @Max(4 * 1024 ** 3, { message: 'at most 4294967296' })
  UPLOAD_MAX_BYTES = 1024 ** 3;

  @Describe('Login attempts allowed per minute, per IP address and e-mail.')
  @Transform(toInt)
  @IsInt({ message: 'an integer' })
  @Min(1, { message: 'at least 1' })
  LOGIN_RATE_LIMIT = 10;

  @Describe('Login attempts allowed per minute from one IP address, whatever the e-mail.')
  @Transform(toInt)
  @IsInt({ message: 'an integer' })
  @Min(1, { message: 'at least 1' })
  LOGIN_ADDRESS_RATE_LIMIT = 30;

  @Describe('SMTP server of outgoing e-mail (smtp://user:password@host:port or smtps://…). Unset: each message is written as a .eml file under DATA_DIR/mail.')
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'an URL smtp://host:port or smtps://host:port' })
  SMTP_URL?: string;

  @Describe('Sender of the e-mails (From header).')
  @IsString()
  @MinLength(3, { message: 'an address, e.g. Clause Tracker <ne-pas-repondre@example.fr>' })
  MAIL_FROM = 'Clause Tracker <ne-pas-repondre@clause-tracker.localhost>';

  @Describe('Address of the web application as users reach it (links in e-mails, QR codes of attestations). Unset: http://localhost:PORT.')
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'an URL http(s)://host[:port][/path]' })
  PUBLIC_URL?: string;

  @Describe('Years without any contract, hours, pathway or step after which a participant\'s identity is erased.')
  @Transform(toInt)
  @IsInt({ message: 'an integer' })
  @Min(1, { message: 'at least 1' })
  @Max(50, { message: 'at most 50' })
  RETENTION_YEARS = 5;

  @Describe('Port of the embedded PostgreSQL (0: any free port).')
  @Transform(toInt)
  @IsInt({ message: 'an integer' })
  @Min(0, { message: 'at least 0' })
  @Max(65535, { message: 'at most 65535' })
  EMBEDDED_PG_PORT = 0;
}

/** The address of the web application as its users reach it, without a trailing slash. */
export function publicUrl(config: Pick<AppConfig, 'PUBLIC_URL' | 'PORT'>): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

export function describeVariable(name: string): string | undefined {
  return DESCRIPTIONS.get(name);
}

export function configVariables(): string[] {
  return [...DESCRIPTIONS.keys()];
}

/** Parses and validates the environment; throws one line per bad variable, before any connection. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.fromEntries(configVariables().filter((name) => env[name] !== undefined).map((name) => [name, env[name]]));
  const config = plainToInstance(AppConfig, known);
  const problems = validateSync(config).map((error) => {
    const expected = [...new Set(Object.values(error.constraints ?? {}))].join(', ');
    return `${error.property}=${JSON.stringify(env[error.property])} is invalid: expected ${expected} (${describeVariable(error.property)})`;
  });
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    problems.push(`JWT_SECRET is missing: required in production (${describeVariable('JWT_SECRET')})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
