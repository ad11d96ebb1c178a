import { ConfigError, loadConfig } from './app-config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the defaults of an empty environment: embedded database, PostgreSQL queues', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.DATA_DIR).toBe('./.data');
    expect(config.RUN_WORKERS).toBe(false);
    expect(config.JWT_TTL_SECONDS).toBe(900);
  });

  it('converts numbers and booleans', () => {
    const config = loadConfig({ PORT: '8080', RUN_WORKERS: 'oui', JWT_TTL_SECONDS: '600' });
    expect(config.PORT).toBe(8080);
    expect(config.RUN_WORKERS).toBe(true);
    expect(config.JWT_TTL_SECONDS).toBe(600);
  });

  it('names each wrong variable on a line of its own, with what is expected', () => {
    const problems = problemsOf({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(problems).toHaveLength(3);
    expect(problems.find((line) => line.startsWith('PORT='))).toMatch(/integer/);
    expect(problems.find((line) => line.startsWith('DATABASE_URL='))).toMatch(/postgres:\/\//);
    expect(problems.find((line) => line.startsWith('LOG_LEVEL='))).toMatch(/fatal, error, warn, info/);
  });

  it('requires a long JWT secret in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^JWT_SECRET is missing/)]);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toEqual([expect.stringMatching(/^JWT_SECRET=.*32 characters/)]);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toEqual([]);
  });

  it('ignores variables it does not know', () => {
    expect(problemsOf({ HOME: '/root', PATH: '/bin' })).toEqual([]);
  });
});
