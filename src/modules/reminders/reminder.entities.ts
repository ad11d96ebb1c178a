import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Market } from '../markets/market.entity';

/**
 * A reminder given (or a fact noticed) once: its key makes a repeated run of the same day, or of a later day, give it
 * no second time. A company's declaration reminder has a sequence (1 to 3) within its month.
 */
@Entity({ name: 'reminder' })
@Index('reminder_key_uq', ['kind', 'subject', 'period', 'sequence'], { unique: true })
export class Reminder {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'text' }) kind: string;
  /** What it is about: a SIRET, a market, a step, an hours entry. */
  @Column({ type: 'text' }) subject: string;
  /** The month declared (AAAA-MM), or '' when the fact happens once. */
  @Column({ type: 'text', default: '' }) period: string;
  @Column({ type: 'int', default: 1 }) sequence: number;
  /** The day of the run that gave it (Europe/Paris). */
  @Column({ name: 'given_on', type: 'date' }) givenOn: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** The fulfilment status a market had at the last daily run: a market turning BEHIND is noticed once. */
@Entity({ name: 'market_watch' })
export class MarketWatch {
  @PrimaryColumn({ name: 'market_id', type: 'uuid' }) marketId: string;

  @ManyToOne(() => Market, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'market_id' })
  market?: Market;

  @Column({ type: 'text' }) status: string;
  @Column({ name: 'seen_on', type: 'date' }) seenOn: string;
}
