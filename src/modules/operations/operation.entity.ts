import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { StructureRecord } from '../../platform/records/record-columns';
import { Buyer } from '../buyers/buyer.entity';
import { Structure } from '../structures/structure.entity';

/** A programme of works or services of one buyer (urban renewal project, school construction…). */
@Entity({ name: 'operation' })
@Index('UQ_operation_structure_ref', ['structureId', 'ref'], { unique: true })
export class Operation extends StructureRecord {
  @ManyToOne(() => Structure, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'structure_id' })
  structure?: Structure;

  @Column({ type: 'text' }) ref: string;

  @Index('IDX_operation_buyer')
  @ManyToOne(() => Buyer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'buyer_id' })
  buyer?: Buyer;

  @Column({ name: 'buyer_id', type: 'uuid' }) buyerId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'urban_renewal', type: 'boolean', default: false }) urbanRenewal: boolean;
  @Column({ type: 'boolean', default: false }) qpv: boolean;
  @Column({ name: 'start_date', type: 'date', nullable: true }) startDate: string | null;
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate: string | null;
}
