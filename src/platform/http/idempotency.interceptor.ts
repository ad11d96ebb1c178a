import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { catchError, concatMap, from, Observable, of, switchMap } from 'rxjs';
import { DataSource } from 'typeorm';
import type { AuthenticatedRequest } from '../auth/access.decorators';
import { ConflictError, InvalidError } from './domain-errors';

const HEADER = 'idempotency-key';
const KEY = /^[A-Za-z0-9._:-]{8,100}$/;

interface StoredAnswer {
  request_hash: string;
  status_code: number | null;
  body: unknown;
}

/**
 * `Idempotency-Key` on a POST: the first request with a key runs and its answer is kept; a retry with the same key
 * and the same body gets that answer again without running; the same key on another request is a conflict. Keys
 * belong to the account that sent them. A failed request releases its key so it can be retried. Multipart uploads
 * (imports) are left out: importing a file again already changes nothing.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const key = request.headers[HEADER];
    const principal = request.principal;
    if (request.method !== 'POST' || key === undefined || !principal || request.isMultipart()) return next.handle();
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw InvalidError.field('Idempotency-Key', 'doit faire de 8 à 100 caractères : lettres, chiffres, « . », « _ », « : » ou « - »');
    }
    const response = context.switchToHttp().getResponse<FastifyReply>();
    const hash = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
    return from(this.claim(principal.userId, key, request, hash)).pipe(
      switchMap((stored) => {
        if (stored) {
          if (stored.request_hash !== hash) throw new ConflictError('Cette clé d’idempotence a déjà servi pour une autre requête');
          if (stored.status_code === null) throw new ConflictError('Une requête avec cette clé d’idempotence est en cours');
          response.status(stored.status_code).header('Idempotent-Replayed', 'true');
          return of(stored.body);
        }
        // The answer is kept before it leaves, so that a retry arriving right after finds it.
        return next.handle().pipe(
          concatMap(async (body) => {
            await this.keep(principal.userId, key, response.statusCode, body);
            return body;
          }),
          catchError(async (error: unknown) => {
            await this.release(principal.userId, key);
            throw error;
          }),
        );
      }),
    );
  }

  /** Claims the key for this request, or returns what an earlier request with it left. */
  private async claim(userId: string, key: string, request: FastifyRequest, hash: string): Promise<StoredAnswer | undefined> {
    const claimed: unknown[] = await this.dataSource.query(
      // A claim left unanswered for a minute (its process died) may be taken over.
      `INSERT INTO idempotency_key (user_id, key, method, path, request_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, key) DO UPDATE SET method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash, created_at = now()
        WHERE idempotency_key.status_code IS NULL AND idempotency_key.created_at < now() - interval '1 minute'
       RETURNING key`,
      [userId, key, request.method, request.url, hash],
    );
    if (claimed.length > 0) return undefined;
    const rows: StoredAnswer[] = await this.dataSource.query('SELECT request_hash, status_code, body FROM idempotency_key WHERE user_id = $1 AND key = $2', [userId, key]);
    return rows[0];
  }

  private keep(userId: string, key: string, statusCode: number, body: unknown): Promise<unknown> {
    return this.dataSource.query('UPDATE idempotency_key SET status_code = $3, body = $4::jsonb WHERE user_id = $1 AND key = $2', [userId, key, statusCode, JSON.stringify(body ?? null)]);
  }

  private release(userId: string, key: string): Promise<unknown> {
    return this.dataSource.query('DELETE FROM idempotency_key WHERE user_id = $1 AND key = $2 AND status_code IS NULL', [userId, key]);
  }
}
