import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/**
 * Argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). The library's default (64 MiB, 4 lanes) costs
 * 64 MiB of memory per login; with the first login's decoy hash running beside it, one login took the API from 150 to
 * 280 MB, and concurrent logins could take it past its memory budget.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Whether a stored hash was made with other parameters (and is to be replaced once its password is known). */
  needsRehash(hash: string): boolean {
    return argon2.needsRehash(hash, OPTIONS);
  }
}
