import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One run of the yearly consolidation: the request, its progress, then the immutable snapshot (the report as
 * JSON and the fingerprint of the data it read). A trigger in the migration refuses any change to a finished one.
 */
@Entity({ name: 'consolidation' })
@Index('IX_consolidation_scope_year', ['scopeKind', 'scopeRef', 'year'])
export class Consolidation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'int' }) year: number;
  /** national, structure or buyer. */
  @Column({ name: 'scope_kind', type: 'text' }) scopeKind: string;
  /** The structure's reference or the buyer's SIRET; null nationally. */
  @Column({ name: 'scope_ref', type: 'text', nullable: true }) scopeRef: string | null;
  /** The structure of a structure scope, so a facilitator's rights are checked on an id. */
  @Column({ name: 'scope_structure_id', type: 'uuid', nullable: true }) scopeStructureId: string | null;
  /** QUEUED, RUNNING, DONE or FAILED. */
  @Column({ type: 'text', default: 'QUEUED' }) status: string;
  @Column({ type: 'int', default: 0 }) progress: number;
  @Column({ type: 'text', nullable: true }) stage: string | null;
  @Column({ type: 'int', default: 0 }) attempts: number;
  /** Runs that ended without a word (their worker died): past a few, the consolidation fails instead of looping. */
  @Column({ type: 'int', default: 0 }) interruptions: number;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ name: 'requested_by', type: 'uuid', nullable: true }) requestedBy: string | null;
  @Column({ name: 'requested_by_label', type: 'text' }) requestedByLabel: string;
  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' }) requestedAt: Date;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column({ name: 'data_fingerprint', type: 'text', nullable: true }) dataFingerprint: string | null;
  /** A hash of the figures themselves, to say whether two snapshots agree without comparing reports. */
  @Column({ name: 'figures_fingerprint', type: 'text', nullable: true }) figuresFingerprint: string | null;
  /** The latest earlier snapshot of the same year and scope, when there is one. */
  @Column({ name: 'previous_snapshot_id', type: 'uuid', nullable: true }) previousSnapshotId: string | null;
  /** `json`, not `jsonb`: the report keeps the key order of its contract. */
  @Column({ type: 'json', nullable: true }) report: unknown;
}
