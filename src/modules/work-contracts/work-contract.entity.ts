import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { StructureRecord } from '../../platform/records/record-columns';
import { Company } from '../companies/company.entity';
import { Market } from '../markets/market.entity';
import { Participant } from '../participants/participant.entity';

/** A participant's work contract (or placement) on a market, with the company or SIAE that employs them. */
@Entity({ name: 'work_contract' })
@Index('UQ_work_contract_structure_ref', ['structureId', 'ref'], { unique: true })
export class WorkContract extends StructureRecord {
  @Column({ type: 'text' }) ref: string;

  @Index('IDX_work_contract_participant')
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;

  @Column({ name: 'participant_id', type: 'uuid' }) participantId: string;

  @Index('IDX_work_contract_employer')
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'employer_id' })
  employer?: Company;

  @Column({ name: 'employer_id', type: 'uuid' }) employerId: string;

  @Index('IDX_work_contract_market')
  @ManyToOne(() => Market, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'market_id' })
  market?: Market;

  @Column({ name: 'market_id', type: 'uuid' }) marketId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) mode: string;
  @Column({ name: 'job_title', type: 'text', nullable: true }) jobTitle: string | null;
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate: string | null;
}
