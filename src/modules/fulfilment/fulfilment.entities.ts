import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Market } from '../markets/market.entity';

/** A market's maintained figures: its objective and the validated hours that count toward it. */
@Entity({ name: 'market_fulfilment' })
export class MarketFulfilment {
  @PrimaryColumn({ name: 'market_id', type: 'uuid' }) marketId: string;

  @ManyToOne(() => Market, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'market_id' })
  market?: Market;

  @Index('IDX_market_fulfilment_structure')
  @Column({ name: 'structure_id', type: 'uuid' }) structureId: string;

  @Column({ type: 'numeric', precision: 10, scale: 2 }) objective: string;
  @Column({ name: 'validated_hours', type: 'numeric', precision: 12, scale: 2 }) validatedHours: string;
  /** Hours declared by companies and not yet validated: shown, never counted. */
  @Column({ name: 'declared_hours', type: 'numeric', precision: 12, scale: 2 }) declaredHours: string;
  @Column({ name: 'computed_at', type: 'timestamptz' }) computedAt: Date;
}

/** Validated hours of a market per month: the monthly series. */
@Entity({ name: 'market_fulfilment_month' })
export class MarketFulfilmentMonth {
  @PrimaryColumn({ name: 'market_id', type: 'uuid' }) marketId: string;

  @ManyToOne(() => Market, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'market_id' })
  market?: Market;

  @PrimaryColumn({ type: 'date' }) month: string;
  @Column({ type: 'numeric', precision: 12, scale: 2 }) hours: string;
}

/**
 * Validated hours credited to one award of a market. No foreign key to the award on purpose: deleting an award would
 * cascade into rows a recompute holds, and the two transactions would deadlock. The recompute that the deletion asks
 * for removes the row; reads join from the award, so a row awaiting it is never shown.
 */
@Entity({ name: 'award_fulfilment' })
export class AwardFulfilment {
  @PrimaryColumn({ name: 'award_id', type: 'uuid' }) awardId: string;

  @Index('IDX_award_fulfilment_market')
  @Column({ name: 'market_id', type: 'uuid' }) marketId: string;

  @Column({ name: 'validated_hours', type: 'numeric', precision: 12, scale: 2 }) validatedHours: string;
}

/**
 * A change that may move a market's figures, noted by the statement that writes it (triggers on markets, awards, work
 * contracts and hours): the recompute of the market removes the notes it has seen, under the market's lock and before
 * it reads the hours, so a note left is a change the figures may not include. Notes are inserted, never updated: two
 * writes on one market never wait for each other.
 */
@Entity({ name: 'market_change' })
export class MarketChange {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;

  @Index('IDX_market_change_market')
  @Column({ name: 'market_id', type: 'uuid' }) marketId: string;

  @ManyToOne(() => Market, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'market_id' })
  market?: Market;

  @CreateDateColumn({ name: 'noted_at', type: 'timestamptz' }) notedAt: Date;
}
