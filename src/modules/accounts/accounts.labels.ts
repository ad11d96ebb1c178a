/** What an account is attached to, as its owner and an administrator read it. */
export function attachmentLabel(account: { structureRef: string | null; siret: string | null }): string {
  return account.structureRef ? `Structure ${account.structureRef}` : account.siret ? `SIRET ${account.siret}` : 'Toutes les structures';
}
