import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, EntityManager } from 'typeorm';
import { AccessTokenClaims } from '../../platform/auth/auth.guard';
import { Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/roles';
import { ConflictError, InvalidError, NotFoundError, UnauthenticatedError } from '../../platform/http/domain-errors';
import { Page, pageOf } from '../../platform/http/pagination';
import { OutboxService } from '../../platform/outbox/outbox.service';
import { JobName } from '../../platform/queue/queues';
import { StructuresService } from '../structures/structures.service';
import { attachmentProblems, normaliseEmail, passwordProblems } from './accounts.rules';
import { AccountsRepository } from './accounts.repository';
import { AccessTokenDto, AccountDto, AccountListQuery, CreateAccountDto, LoginDto, UpdateAccountDto } from './dto/account.dto';
import { PasswordHasher } from './password-hasher';
import { AccountStates } from '../../platform/auth/account-states';
import { UserAccount } from './user.entity';

const INVALID_CREDENTIALS = 'Identifiant ou mot de passe incorrect';

@Injectable()
export class AccountsService {
  private readonly logger = new Logger('Auth');
  /** Verified against when the e-mail is unknown, so that a wrong e-mail takes as long as a wrong password. */
  private decoyHash?: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: AccountsRepository,
    private readonly structures: StructuresService,
    private readonly outbox: OutboxService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly accountStates: AccountStates,
  ) {}

  async login(input: LoginDto, clientIp: string | undefined): Promise<AccessTokenDto> {
    const account = await this.verifyCredentials(input, clientIp);
    const claims: AccessTokenClaims = {
      sub: account.id,
      email: account.email,
      role: account.role,
      structureId: account.structureId,
      siret: account.siret,
      tv: account.tokenVersion,
    };
    const accessToken = await this.jwt.signAsync(claims);
    const decoded = this.jwt.decode<{ exp: number; iat: number }>(accessToken);
    return { accessToken, tokenType: 'Bearer', expiresIn: decoded.exp - decoded.iat, account: AccountDto.from(account) };
  }

  /** The active account these credentials open (API token or web session), its login recorded. */
  async verifyCredentials(input: LoginDto, clientIp: string | undefined): Promise<UserAccount> {
    const email = normaliseEmail(input.email);
    const account = await this.repository.findByEmail(email);
    this.decoyHash ??= this.hasher.hash('decoy password, never used');
    const valid = account
      ? await this.hasher.verify(account.passwordHash, input.password)
      : await this.hasher.verify(await this.decoyHash, input.password).then(() => false);
    if (!account || !valid || !account.active) {
      this.logger.warn({ email, ip: clientIp, reason: !account ? 'unknown account' : !valid ? 'wrong password' : 'inactive account' }, 'login failed');
      throw new UnauthenticatedError(INVALID_CREDENTIALS);
    }
    const upgradedHash = this.hasher.needsRehash(account.passwordHash) ? await this.hasher.hash(input.password) : undefined;
    await this.repository.recordLogin(account.id, new Date(), upgradedHash);
    return account;
  }

  async me(principal: Principal): Promise<AccountDto> {
    return this.get(principal.userId);
  }

  async list(query: AccountListQuery): Promise<Page<AccountDto>> {
    const [items, total] = await this.repository.list({
      role: query.role,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return pageOf(items.map(AccountDto.from), total, query);
  }

  async get(id: string): Promise<AccountDto> {
    return AccountDto.from(await this.load(id));
  }

  /**
   * Creates an account. A password an administrator chose is temporary (`temporaryPassword`): its owner changes it at
   * the next login in the web application. The command line's and the demo's are not.
   */
  async create(input: CreateAccountDto, temporaryPassword = false): Promise<AccountDto> {
    const problems = [...passwordProblems(input.password), ...attachmentProblems(input.role, input)];
    if (problems.length > 0) throw new InvalidError(problems);
    const email = normaliseEmail(input.email);
    const structureId = input.structureRef ? await this.structureIdOf(input.structureRef) : null;
    if (await this.repository.findByEmail(email)) throw new ConflictError(`Un compte existe déjà pour ${email}`);
    const passwordHash = await this.hasher.hash(input.password);
    const id = await this.dataSource.transaction(async (manager) => {
      const created = await this.repository.insert(manager, { email, passwordHash, role: input.role, structureId, siret: input.siret ?? null, mustChangePassword: temporaryPassword });
      await this.staffingChanged(manager, input.role, structureId);
      return created;
    });
    return this.get(id);
  }

  /** Changes an account; a new password is temporary unless said otherwise (see `create`). */
  async update(id: string, input: UpdateAccountDto, temporaryPassword = true): Promise<AccountDto> {
    const account = await this.load(id);
    if (input.password !== undefined) {
      const problems = passwordProblems(input.password);
      if (problems.length > 0) throw new InvalidError(problems);
    }
    const passwordHash = input.password !== undefined ? await this.hasher.hash(input.password) : undefined;
    await this.dataSource.transaction(async (manager) => {
      // A new password or a deactivation ends the sessions open with the former state of the account.
      const mustChangePassword = passwordHash !== undefined ? temporaryPassword : undefined;
      await this.repository.update(manager, id, { active: input.active, passwordHash, mustChangePassword }, passwordHash !== undefined || input.active === false);
      if (input.active !== undefined && input.active !== account.active) {
        await this.staffingChanged(manager, account.role, account.structureId);
      }
    });
    this.accountStates.forget(id);
    return this.get(id);
  }

  /** For the command line and the demo: creates the account, or resets its password when it exists. */
  async ensure(input: CreateAccountDto): Promise<AccountDto> {
    const existing = await this.repository.findByEmail(normaliseEmail(input.email));
    if (!existing) return this.create(input);
    return this.update(existing.id, { password: input.password, active: true }, false);
  }

  /**
   * One's own new password: the current one must be given, the new one follows the rules of every password. Every
   * other session and token of the account ends; the caller opens a new session for the browser that asked.
   */
  async changeOwnPassword(principal: Principal, current: string, next: string): Promise<void> {
    const account = await this.load(principal.userId);
    if (!(await this.hasher.verify(account.passwordHash, current))) throw InvalidError.field('currentPassword', 'mot de passe actuel incorrect');
    const problems = passwordProblems(next).map((problem) => ({ ...problem, champ: 'newPassword' }));
    if (next === current) problems.push({ champ: 'newPassword', message: 'doit être différent du mot de passe actuel' });
    if (problems.length > 0) throw new InvalidError(problems);
    const passwordHash = await this.hasher.hash(next);
    await this.dataSource.transaction((manager) => this.repository.update(manager, account.id, { passwordHash, mustChangePassword: false }, true));
    this.accountStates.forget(account.id);
  }

  /** Ends every session and token of the account, everywhere. */
  async endAllSessions(principal: Principal): Promise<void> {
    await this.dataSource.transaction((manager) => this.repository.update(manager, principal.userId, {}, true));
    this.accountStates.forget(principal.userId);
  }

  /** For the demo: creates the account when it does not exist; an existing one keeps its password. */
  async createIfMissing(input: CreateAccountDto): Promise<{ account: AccountDto; created: boolean }> {
    const existing = await this.repository.findByEmail(normaliseEmail(input.email));
    if (existing) return { account: AccountDto.from(existing), created: false };
    return { account: await this.create(input), created: true };
  }

  private async load(id: string): Promise<UserAccount> {
    const account = await this.repository.findById(id);
    if (!account) throw new NotFoundError('Compte');
    return account;
  }

  private async structureIdOf(ref: string): Promise<string> {
    try {
      return (await this.structures.getByRef({ kind: 'all' }, ref)).id;
    } catch (error) {
      if (error instanceof NotFoundError) throw InvalidError.field('structureRef', `aucune structure ne porte la référence « ${ref} »`);
      throw error;
    }
  }

  /** The structure's facilitator count is recomputed in the background, from an event written with the change. */
  private async staffingChanged(manager: EntityManager, role: Role, structureId: string | null): Promise<void> {
    if (role === Role.Facilitator && structureId) {
      await this.outbox.add(manager, JobName.RecomputeStructureStaffing, { structureId });
    }
  }
}
