import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { decimalColumn, StructureRecord } from '../../platform/records/record-columns';
import { Buyer } from '../buyers/buyer.entity';
import { Operation } from '../operations/operation.entity';
import { Structure } from '../structures/structure.entity';

/** A public contract carrying a social clause, or one lot of it (`parent_market_id`). */
@Entity({ name: 'market' })
@Index('UQ_market_structure_ref', ['structureId', 'ref'], { unique: true })
export class Market extends StructureRecord {
  @ManyToOne(() => Structure, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'structure_id' })
  structure?: Structure;

  @Column({ type: 'text' }) ref: string;

  @Index('IDX_market_buyer')
  @ManyToOne(() => Buyer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'buyer_id' })
  buyer?: Buyer;

  @Column({ name: 'buyer_id', type: 'uuid' }) buyerId: string;

  @Index('IDX_market_operation')
  @ManyToOne(() => Operation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operation_id' })
  operation?: Operation;

  @Column({ name: 'operation_id', type: 'uuid', nullable: true }) operationId: string | null;

  @Index('IDX_market_parent')
  @ManyToOne(() => Market, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_market_id' })
  parent?: Market;

  @Column({ name: 'parent_market_id', type: 'uuid', nullable: true }) parentMarketId: string | null;
  @Column({ type: 'text' }) title: string;
  @Column({ name: 'legal_basis', type: 'text' }) legalBasis: string;
  @Column({ type: 'text' }) sector: string;
  @decimalColumn('amount_excl_tax', 14, { nullable: true }) amountExclTax: string | null;
  @decimalColumn('labour_share_pct', 5, { nullable: true }) labourSharePct: string | null;
  @decimalColumn('insertion_rate_pct', 5, { nullable: true }) insertionRatePct: string | null;
  @decimalColumn('hourly_cost', 8, { nullable: true }) hourlyCost: string | null;
  @decimalColumn('hours_objective', 10) hoursObjective: string;
  /** The objective was computed from amount, labour share, insertion rate and hourly cost rather than given. */
  @Column({ name: 'hours_objective_computed', type: 'boolean', default: false }) hoursObjectiveComputed: boolean;
  @Column({ name: 'training_counts', type: 'boolean', default: true }) trainingCounts: boolean;
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  @Column({ name: 'end_date', type: 'date' }) endDate: string;
}
