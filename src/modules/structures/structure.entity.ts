import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { StructureKind } from './structures.rules';

/** A tenant: a PLIE, a Maison de l'Emploi or a local authority employing facilitators. */
@Entity({ name: 'structure' })
export class Structure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  ref: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: StructureKind;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  /** Active facilitator accounts, maintained by the staffing job from the outbox. */
  @Column({ name: 'facilitator_count', type: 'int', default: 0 })
  facilitatorCount: number;

  @Column({ name: 'staffing_computed_at', type: 'timestamptz', nullable: true })
  staffingComputedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
