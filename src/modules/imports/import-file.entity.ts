import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An accepted import, audited as one act: who, when, the file (name, size, SHA-256, and the file itself, compressed),
 * what it did and how long it took. Records it created carry its id; its structures list it (`import_run`).
 */
@Entity({ name: 'import_file' })
export class ImportFile {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'file_name', type: 'text', nullable: true }) fileName: string | null;
  @Column({ name: 'size_bytes', type: 'bigint' }) sizeBytes: string;
  @Column({ type: 'text' }) sha256: string;
  @Column({ type: 'int' }) inserted: number;
  @Column({ type: 'int' }) updated: number;
  @Column({ type: 'int' }) unchanged: number;
  @Column({ type: 'int', nullable: true }) deleted: number | null;
  @Column({ name: 'duration_ms', type: 'int' }) durationMs: number;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ type: 'text' }) actor: string;
  @CreateDateColumn({ type: 'timestamptz' }) at: Date;
  /** The file as it was sent, gzip-compressed. */
  @Column({ name: 'content_gzip', type: 'bytea' }) contentGzip: Buffer;
}
