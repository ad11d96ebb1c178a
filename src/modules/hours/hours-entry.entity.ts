import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { decimalColumn, StructureRecord } from '../../platform/records/record-columns';
import { WorkContract } from '../work-contracts/work-contract.entity';

/** The hours worked (and trained) under one work contract in one month; only validated entries count. */
@Entity({ name: 'hours_entry' })
@Index('UQ_hours_entry_contract_month', ['workContractId', 'month'], { unique: true })
@Index('IDX_hours_entry_structure_status', ['structureId', 'status'])
export class HoursEntry extends StructureRecord {
  @ManyToOne(() => WorkContract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'work_contract_id' })
  workContract?: WorkContract;

  @Column({ name: 'work_contract_id', type: 'uuid' }) workContractId: string;
  /** The month, as its first day. */
  @Column({ type: 'date' }) month: string;
  @decimalColumn('hours_worked', 6) hoursWorked: string;
  @decimalColumn('training_hours', 6, { default: '0' }) trainingHours: string;
  @Column({ type: 'text' }) status: string;
  @Column({ name: 'rejection_reason', type: 'text', nullable: true }) rejectionReason: string | null;
  @Column({ name: 'declared_by', type: 'uuid', nullable: true }) declaredBy: string | null;
  @Column({ name: 'validated_by', type: 'uuid', nullable: true }) validatedBy: string | null;
  @Column({ name: 'validated_at', type: 'timestamptz', nullable: true }) validatedAt: Date | null;
}
