export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}
export function freePort(): Promise<number>;
export function redisAnswers(url: string, timeoutMs: number): Promise<boolean>;
export function startRedis(port?: number): Promise<RedisServer>;
export interface PostgresServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}
export function startPostgres(dataDir: string, port?: number, database?: string): Promise<PostgresServer>;
