import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { StructureRecord } from '../../platform/records/record-columns';
import { Participant } from '../participants/participant.entity';

@Entity({ name: 'plie_pathway' })
@Index('UQ_plie_pathway_participant_entry', ['participantId', 'entryDate'], { unique: true })
export class PliePathway extends StructureRecord {
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;

  @Column({ name: 'participant_id', type: 'uuid' }) participantId: string;
  @Column({ name: 'entry_date', type: 'date' }) entryDate: string;
  @Column({ name: 'exit_date', type: 'date', nullable: true }) exitDate: string | null;
  @Column({ name: 'exit_kind', type: 'text', nullable: true }) exitKind: string | null;
  @Column({ name: 'registered_job_seeker', type: 'boolean', default: false }) registeredJobSeeker: boolean;
  @Column({ name: 'long_term_unemployed', type: 'boolean', default: false }) longTermUnemployed: boolean;
  @Column({ type: 'boolean', default: false }) rsa: boolean;
  @Column({ type: 'boolean', default: false }) disabled: boolean;
  @Column({ type: 'text', nullable: true }) inactivity: string | null;
  @Column({ name: 'employer_naf_section', type: 'text', nullable: true }) employerNafSection: string | null;
  @Column({ name: 'employer_type', type: 'text', nullable: true }) employerType: string | null;
  @Column({ name: 'employer_size_band', type: 'text', nullable: true }) employerSizeBand: string | null;
  @Column({ name: 'exit_contract', type: 'text', nullable: true }) exitContract: string | null;
  @Column({ name: 'exit_measure', type: 'text', nullable: true }) exitMeasure: string | null;
  @Column({ name: 'training_domain', type: 'text', nullable: true }) trainingDomain: string | null;
  @Column({ name: 'training_level', type: 'text', nullable: true }) trainingLevel: string | null;
  @Column({ name: 'training_certification', type: 'text', nullable: true }) trainingCertification: string | null;
  @Column({ name: 'training_start_date', type: 'date', nullable: true }) trainingStartDate: string | null;
  @Column({ name: 'training_end_date', type: 'date', nullable: true }) trainingEndDate: string | null;
}

@Entity({ name: 'plie_step' })
@Index('UQ_plie_step_participant_kind_start', ['participantId', 'kind', 'startDate'], { unique: true })
export class PlieStep extends StructureRecord {
  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;

  @Column({ name: 'participant_id', type: 'uuid' }) participantId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate: string | null;
  @Column({ name: 'funded_by_plie', type: 'boolean', default: false }) fundedByPlie: boolean;
  @Column({ name: 'structure_kind', type: 'text', nullable: true }) structureKind: string | null;
}
