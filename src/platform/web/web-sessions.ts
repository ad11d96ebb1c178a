import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Principal } from '../auth/principal';
import { Role } from '../auth/roles';

export const SESSION_COOKIE = 'ct_session';

/** A session's last request is written at most this often: a page view does not always cost a write. */
const TOUCH_EVERY_SECONDS = 60;

export interface WebSession {
  principal: Principal;
  /** The token every form of this session carries (CSRF). */
  csrfToken: string;
  /** The account's password was chosen by an administrator: a new one comes first. */
  mustChangePassword: boolean;
  /** Notifications not read yet: the bell's count. */
  unreadNotifications: number;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest();

export function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/**
 * Sessions of the web application, in PostgreSQL. Each request reads its session joined with its account, so that a
 * deactivated account or a new password (a new token version) ends every session at once, in every process.
 */
@Injectable()
export class WebSessions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Opens a session for an account whose password was just checked; answers the browser's token. */
  async open(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.dataSource.query(
      `WITH expired AS (DELETE FROM web_session WHERE last_seen_at < now() - make_interval(mins => $3))
       INSERT INTO web_session (token_hash, user_id, token_version, csrf_token)
       SELECT $1, id, token_version, $2 FROM user_account WHERE id = $4 AND active`,
      [hashOf(token), randomBytes(32).toString('base64url'), this.config.SESSION_IDLE_MINUTES, userId],
    );
    return token;
  }

  /** The session of a browser's token, if it is still open (account active and unchanged, not idle too long). */
  async find(token: string | undefined): Promise<WebSession | undefined> {
    if (!token) return undefined;
    const rows: { id: string; email: string; role: Role; structure_id: string | null; siret: string | null; csrf_token: string; must_change_password: boolean; unread: number }[] = await this.dataSource.query(
      `WITH found AS (
         SELECT s.token_hash, u.id, u.email, u.role, u.structure_id, u.siret, u.must_change_password, s.csrf_token, s.last_seen_at
           FROM web_session s JOIN user_account u ON u.id = s.user_id AND u.active AND u.token_version = s.token_version
          WHERE s.token_hash = $1 AND s.last_seen_at > now() - make_interval(mins => $2)),
       touched AS (
         UPDATE web_session s SET last_seen_at = now() FROM found
          WHERE s.token_hash = found.token_hash AND found.last_seen_at < now() - make_interval(secs => $3))
       SELECT id, email, role, structure_id, siret, csrf_token, must_change_password,
              (SELECT count(*)::int FROM notification n WHERE n.user_id = found.id AND n.read_at IS NULL) AS unread
         FROM found`,
      [hashOf(token), this.config.SESSION_IDLE_MINUTES, TOUCH_EVERY_SECONDS],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      principal: Object.freeze({ userId: row.id, email: row.email, role: row.role, structureId: row.structure_id, siret: row.siret }),
      csrfToken: row.csrf_token,
      mustChangePassword: row.must_change_password,
      unreadNotifications: row.unread,
    };
  }

  async close(token: string | undefined): Promise<void> {
    if (token) await this.dataSource.query('DELETE FROM web_session WHERE token_hash = $1', [hashOf(token)]);
  }
}
