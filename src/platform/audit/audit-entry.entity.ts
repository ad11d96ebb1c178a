import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One create, update, delete or validation of a record: who, when, and each changed field's old and new value. */
@Entity({ name: 'audit_entry' })
@Index('IDX_audit_entry_entity', ['entity', 'entityId', 'id'])
export class AuditEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ name: 'structure_id', type: 'uuid' }) structureId: string;
  @Column({ type: 'text' }) entity: string;
  @Column({ name: 'entity_id', type: 'uuid' }) entityId: string;
  @Column({ type: 'text' }) action: string;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ type: 'text' }) actor: string;
  @CreateDateColumn({ type: 'timestamptz' }) at: Date;
  /**
   * UPDATE, VALIDATE, REJECT: `{field: {old, new}}` for every field that changed. CREATE and DELETE: the record's
   * values `{field: value}` (cheaper to write in bulk); the audit module shows them as changes from or to nothing.
   */
  @Column({ type: 'jsonb' }) changes: Record<string, unknown>;
}
