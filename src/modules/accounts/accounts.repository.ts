import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Role } from '../../platform/auth/roles';
import { UserAccount } from './user.entity';

export interface AccountFilter {
  role?: Role;
  offset: number;
  limit: number;
}

/** Accounts are managed by administrators only; login looks them up by e-mail. */
@Injectable()
export class AccountsRepository {
  constructor(@InjectRepository(UserAccount) private readonly accounts: Repository<UserAccount>) {}

  list(filter: AccountFilter): Promise<[UserAccount[], number]> {
    const query = this.accounts
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.structure', 'structure')
      .orderBy('u.email')
      .offset(filter.offset)
      .limit(filter.limit);
    if (filter.role) query.andWhere('u.role = :role', { role: filter.role });
    return query.getManyAndCount();
  }

  findById(id: string): Promise<UserAccount | null> {
    return this.accounts.findOne({ where: { id }, relations: { structure: true } });
  }

  findByEmail(email: string): Promise<UserAccount | null> {
    return this.accounts.findOne({ where: { email }, relations: { structure: true } });
  }

  async insert(manager: EntityManager, values: Pick<UserAccount, 'email' | 'passwordHash' | 'role' | 'structureId' | 'siret' | 'mustChangePassword'>): Promise<string> {
    const result = await manager.insert(UserAccount, values);
    return (result.identifiers[0] as { id: string }).id;
  }

  /** Changes an account; `revokeTokens` raises its token version, so that the tokens already issued stop working. */
  async update(manager: EntityManager, id: string, values: Partial<Pick<UserAccount, 'active' | 'passwordHash' | 'mustChangePassword'>>, revokeTokens: boolean): Promise<void> {
    const set = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
    await manager
      .createQueryBuilder()
      .update(UserAccount)
      .set({ ...set, ...(revokeTokens ? { tokenVersion: () => 'token_version + 1' } : {}) })
      .where('id = :id', { id })
      .execute();
  }

  /** A successful login; a password hashed with older parameters is stored hashed anew. */
  async recordLogin(id: string, at: Date, upgradedHash?: string): Promise<void> {
    await this.accounts.update({ id }, { lastLoginAt: at, ...(upgradedHash ? { passwordHash: upgradedHash } : {}) });
  }
}
