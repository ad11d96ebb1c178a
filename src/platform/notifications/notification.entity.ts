import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A message to one account in the web application (the bell); read or not. */
@Entity({ name: 'notification' })
@Index('notification_unread_idx', ['userId'], { where: 'read_at IS NULL' })
@Index('notification_user_idx', ['userId', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  /** One of NOTIFICATION_KINDS: what the user may turn off for e-mail in « Mon compte ». */
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) body: string;
  /** The page concerned, a path of the web application. */
  @Column({ type: 'text' }) link: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt: Date | null;
}
