import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Participant } from './participant.entity';

/** The record that a participant's identity was erased for inactivity: when and why, never what. */
@Entity({ name: 'participant_erasure' })
@Index('participant_erasure_participant_uq', ['participantId'], { unique: true })
export class ParticipantErasure {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @ManyToOne(() => Participant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Participant;

  @Column({ name: 'participant_id', type: 'uuid' }) participantId: string;
  @Column({ name: 'structure_id', type: 'uuid' }) structureId: string;
  /** The last day anything happened to the person (contract, hours, pathway, step, record change). */
  @Column({ name: 'last_activity_on', type: 'date' }) lastActivityOn: string;
  @Column({ name: 'retention_years', type: 'int' }) retentionYears: number;
  @CreateDateColumn({ name: 'erased_at', type: 'timestamptz' }) erasedAt: Date;
}
