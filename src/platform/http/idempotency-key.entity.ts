import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A POST made with an Idempotency-Key, and the answer it got: a retry receives the same answer. */
@Entity({ name: 'idempotency_key' })
export class IdempotencyKey {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @PrimaryColumn({ type: 'text' }) key: string;
  @Column({ type: 'text' }) method: string;
  @Column({ type: 'text' }) path: string;
  @Column({ name: 'request_hash', type: 'text' }) requestHash: string;
  /** Null while the first request is still running. */
  @Column({ name: 'status_code', type: 'int', nullable: true }) statusCode: number | null;
  @Column({ type: 'jsonb', nullable: true }) body: unknown;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
