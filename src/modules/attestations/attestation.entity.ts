import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Market } from '../markets/market.entity';
import { Structure } from '../structures/structure.entity';

/**
 * An attestation of fulfilment as issued: its facts are frozen (a trigger refuses any change but its revocation), and
 * its code lets anyone check it on /verifier/{code}.
 */
@Entity({ name: 'attestation' })
@Index('attestation_code_uq', ['code'], { unique: true })
@Index('attestation_company_idx', ['companySiret'])
@Index('attestation_buyer_idx', ['buyerSiret'])
@Index('attestation_structure_idx', ['structureId', 'issuedAt'])
@Check('attestation_kind_chk', `kind IN ('COMPANY', 'MARKET_YEAR') AND (kind <> 'COMPANY' OR company_siret IS NOT NULL) AND (kind <> 'MARKET_YEAR' OR market_id IS NOT NULL)`)
@Check('attestation_revocation_chk', `(revoked_at IS NULL) = (revocation_reason IS NULL)`)
export class Attestation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) code: string;
  /** COMPANY (a company's hours on a market or on all its markets over a period) or MARKET_YEAR (a buyer's yearly statement of a market). */
  @Column({ type: 'text' }) kind: string;
  @ManyToOne(() => Structure, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'structure_id' })
  structure?: Structure;

  @Column({ name: 'structure_id', type: 'uuid' }) structureId: string;

  @ManyToOne(() => Market, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'market_id' })
  market?: Market;

  @Column({ name: 'market_id', type: 'uuid', nullable: true }) marketId: string | null;
  @Column({ name: 'company_siret', type: 'text', nullable: true }) companySiret: string | null;
  /** The buyer of the market; null for a company's attestation over markets of several buyers. */
  @Column({ name: 'buyer_siret', type: 'text', nullable: true }) buyerSiret: string | null;
  @Column({ name: 'period_from', type: 'date' }) periodFrom: string;
  @Column({ name: 'period_to', type: 'date' }) periodTo: string;
  /** What the attestation states, as shown in its PDF and on its verification page. */
  @Column({ type: 'jsonb' }) facts: Record<string, unknown>;
  /** SHA-256 of the figures: compared with today's to say whether they changed since. */
  @Column({ name: 'figures_digest', type: 'text' }) figuresDigest: string;
  @Column({ name: 'issued_by', type: 'uuid' }) issuedBy: string;
  @CreateDateColumn({ name: 'issued_at', type: 'timestamptz' }) issuedAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ name: 'revoked_by', type: 'uuid', nullable: true }) revokedBy: string | null;
  @Column({ name: 'revocation_reason', type: 'text', nullable: true }) revocationReason: string | null;
}
