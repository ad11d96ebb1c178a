import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { StructureRecord } from '../../platform/records/record-columns';
import { Structure } from '../structures/structure.entity';

/** A person placed on clause hours. Identity fields never leave the structure. */
@Entity({ name: 'participant' })
@Index('UQ_participant_structure_ref', ['structureId', 'ref'], { unique: true })
export class Participant extends StructureRecord {
  @ManyToOne(() => Structure, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'structure_id' })
  structure?: Structure;

  @Column({ type: 'text' }) ref: string;
  @Column({ name: 'last_name', type: 'text', nullable: true }) lastName: string | null;
  @Column({ name: 'first_name', type: 'text', nullable: true }) firstName: string | null;
  @Column({ name: 'birth_date', type: 'date' }) birthDate: string;
  @Column({ type: 'text' }) gender: string;
  @Column({ type: 'text', nullable: true }) postcode: string | null;
  @Column({ name: 'qpv_resident', type: 'boolean', default: false }) qpvResident: boolean;
  @Column({ name: 'qualification_level', type: 'text', nullable: true }) qualificationLevel: string | null;
  @Column({ type: 'text', array: true }) publics: string[];
  @Column({ name: 'other_public_reason', type: 'text', nullable: true }) otherPublicReason: string | null;
  @Column({ type: 'text', nullable: true }) prescriber: string | null;
  @Column({ name: 'eligibility_validated_on', type: 'date', nullable: true }) eligibilityValidatedOn: string | null;
}
