import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { NotificationToGive } from './notifications.rules';

export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  createdAt: Date;
  readAt: Date | null;
}

const COLUMNS = `id, kind, title, body, link, created_at AS "createdAt", read_at AS "readAt"`;

/** Notifications are always read and changed for one account: the caller's own. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, notifications: NotificationToGive[]): Promise<void> {
    if (notifications.length === 0) return;
    await manager.query(
      `INSERT INTO notification (user_id, kind, title, body, link)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])`,
      [notifications.map((n) => n.userId), notifications.map((n) => n.kind), notifications.map((n) => n.title), notifications.map((n) => n.body), notifications.map((n) => n.link)],
    );
  }

  async list(userId: string, unreadOnly: boolean, offset: number, limit: number): Promise<[NotificationRow[], number]> {
    const filter = `user_id = $1${unreadOnly ? ' AND read_at IS NULL' : ''}`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`SELECT ${COLUMNS} FROM notification WHERE ${filter} ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`, [userId, limit, offset]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM notification WHERE ${filter}`, [userId]) as Promise<{ total: number }[]>,
    ]);
    return [rows, total];
  }

  async get(userId: string, id: string): Promise<NotificationRow | undefined> {
    const rows: NotificationRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM notification WHERE user_id = $1 AND id = $2`, [userId, id]);
    return rows[0];
  }

  async unreadCount(userId: string): Promise<number> {
    const [{ unread }]: { unread: number }[] = await this.dataSource.query('SELECT count(*)::int AS unread FROM notification WHERE user_id = $1 AND read_at IS NULL', [userId]);
    return unread;
  }

  /** Marks read the account's notifications among `ids` (all when null); answers how many were unread. */
  async markRead(userId: string, ids: string[] | null): Promise<number> {
    const [{ marked }]: { marked: number }[] = await this.dataSource.query(
      `WITH marked AS (UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) RETURNING id)
       SELECT count(*)::int AS marked FROM marked`,
      [userId, ids],
    );
    return marked;
  }

  async mutedKinds(userId: string): Promise<string[]> {
    const rows: { muted: string[] }[] = await this.dataSource.query('SELECT muted_notification_kinds AS muted FROM user_account WHERE id = $1', [userId]);
    return rows[0]?.muted ?? [];
  }

  async setMutedKinds(userId: string, kinds: string[]): Promise<void> {
    await this.dataSource.query('UPDATE user_account SET muted_notification_kinds = $2 WHERE id = $1', [userId, kinds]);
  }
}
