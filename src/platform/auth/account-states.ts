import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How long an account's state is trusted before it is read again (by another API process than the one that changed it). */
const ACCOUNT_STATE_MS = 2000;

/** How many accounts are remembered: far more than the sessions open at once. */
const REMEMBERED = 10_000;

/**
 * Each account's current token version, or null when it is deactivated or gone: what every authenticated request is
 * checked against. Read from the accounts' table (the guard every route passes cannot wait for a module), remembered a
 * moment, and forgotten at once by the process that changes the account.
 */
@Injectable()
export class AccountStates {
  private readonly known = new Map<string, { tokenVersion: number | null; readAt: number }>();

  constructor(private readonly dataSource: DataSource) {}

  async tokenVersion(userId: string): Promise<number | null> {
    const known = this.known.get(userId);
    if (known && Date.now() - known.readAt < ACCOUNT_STATE_MS) return known.tokenVersion;
    const rows: { token_version: number }[] = await this.dataSource.query('SELECT token_version FROM user_account WHERE id = $1 AND active', [userId]);
    const tokenVersion = rows[0]?.token_version ?? null;
    this.known.delete(userId);
    if (this.known.size >= REMEMBERED) this.known.delete(this.known.keys().next().value!);
    this.known.set(userId, { tokenVersion, readAt: Date.now() });
    return tokenVersion;
  }

  /** After a change of the account: its next request reads its state again. */
  forget(userId: string): void {
    this.known.delete(userId);
  }
}
