import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An e-mail to send, written in the transaction of what it announces; the SendMail job sends it once. Its text is
 * kept as sent (no personal data of participants ever goes into a message).
 */
@Entity({ name: 'mail_message' })
@Index('mail_message_dedupe_uq', ['dedupeKey'], { unique: true })
@Check('mail_message_status_chk', `status IN ('PENDING', 'SENT', 'FAILED')`)
export class MailMessage {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) recipient: string;
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId: string | null;
  @Column({ type: 'text' }) subject: string;
  @Column({ name: 'text_body', type: 'text' }) textBody: string;
  @Column({ name: 'html_body', type: 'text' }) htmlBody: string;
  /** At most one message per key (a person's digest of a day): a run repeated the same day sends nothing more. */
  @Column({ name: 'dedupe_key', type: 'text', nullable: true }) dedupeKey: string | null;
  /** PENDING, SENT, or FAILED (refused by the server for good, or retries used up). */
  @Column({ type: 'text', default: 'PENDING' }) status: string;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt: Date | null;
}
