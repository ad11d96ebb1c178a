import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job to do, written in the same transaction as the change that calls for it, and owed until its consumer has
 * applied it (`applied_at`, set in the consumer's own transaction).
 */
@Entity({ name: 'outbox_event' })
@Index('outbox_event_pending_idx', ['id'], { where: 'published_at IS NULL' })
@Index('outbox_event_owed_idx', ['publishedAt'], { where: 'applied_at IS NULL' })
export class OutboxEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'job_name', type: 'text' })
  jobName: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When the relay last handed it to the queue, or found its job still waiting there (the lease's start). */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** The BullMQ job carrying it, as last published. */
  @Column({ name: 'job_id', type: 'text', nullable: true })
  jobId: string | null;

  /** How many times it was published: more than once only when the queue lost or failed its job. */
  @Column({ type: 'int', default: 0 })
  publications: number;

  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt: Date | null;

  @Column({ name: 'publish_attempts', type: 'int', default: 0 })
  publishAttempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
