import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { NotFoundError } from '../../platform/http/domain-errors';
import { Page, pageOf, PageQuery } from '../../platform/http/pagination';
import { NotificationRow, NotificationsRepository } from './notifications.repository';
import { NOTIFICATION_KINDS_OF_ROLE, NotificationKind, NotificationToGive } from './notifications.rules';

/** The bell: what the platform told each person, read or not, and which kinds they want by e-mail. */
@Injectable()
export class NotificationsService {
  constructor(private readonly repository: NotificationsRepository) {}

  /** Writes notifications in the caller's transaction (with the facts they announce). */
  give(manager: EntityManager, notifications: NotificationToGive[]): Promise<void> {
    return this.repository.insert(manager, notifications);
  }

  async list(principal: Principal, query: PageQuery & { unread?: boolean }): Promise<Page<NotificationRow>> {
    const [items, total] = await this.repository.list(principal.userId, query.unread === true, (query.page - 1) * query.pageSize, query.pageSize);
    return pageOf(items, total, query);
  }

  unreadCount(principal: Principal): Promise<number> {
    return this.repository.unreadCount(principal.userId);
  }

  /** Marks one notification read; answers it (for its link). Another account's is not found. */
  async read(principal: Principal, id: string): Promise<NotificationRow> {
    const notification = await this.repository.get(principal.userId, id);
    if (!notification) throw new NotFoundError('Notification');
    await this.repository.markRead(principal.userId, [id]);
    return { ...notification, readAt: notification.readAt ?? new Date() };
  }

  readAll(principal: Principal): Promise<number> {
    return this.repository.markRead(principal.userId, null);
  }

  /** The kinds this account may receive, and those it turned off for e-mail. */
  async preferences(principal: Principal): Promise<{ kinds: NotificationKind[]; mutedKinds: NotificationKind[] }> {
    const kinds = NOTIFICATION_KINDS_OF_ROLE[principal.role] ?? [];
    const muted = await this.repository.mutedKinds(principal.userId);
    return { kinds, mutedKinds: kinds.filter((kind) => muted.includes(kind)) };
  }

  async setMutedKinds(principal: Principal, mutedKinds: string[]): Promise<{ kinds: NotificationKind[]; mutedKinds: NotificationKind[] }> {
    await this.repository.setMutedKinds(principal.userId, [...new Set(mutedKinds)].sort());
    return this.preferences(principal);
  }
}
