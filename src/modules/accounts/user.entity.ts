import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Role } from '../../platform/auth/roles';
import { Structure } from '../structures/structure.entity';

@Entity({ name: 'user_account' })
@Check('user_account_attachment_chk', `(role <> 'FACILITATOR' OR structure_id IS NOT NULL) AND (role NOT IN ('BUYER', 'COMPANY') OR siret IS NOT NULL)`)
export class UserAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased: e-mail addresses are compared without case. */
  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ type: 'text' })
  role: Role;

  @Index('user_account_structure_idx')
  @ManyToOne(() => Structure, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'structure_id' })
  structure: Structure | null;

  @Column({ name: 'structure_id', type: 'uuid', nullable: true })
  structureId: string | null;

  @Column({ type: 'char', length: 14, nullable: true })
  siret: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Carried by the access tokens; raised when the password changes or the account is deactivated, which ends them. */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion: number;

  /** Set when an administrator chose the password: the web application asks for a new one before anything else. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** Kinds of notification the person does not want by e-mail (they still appear under the bell). */
  @Column({ name: 'muted_notification_kinds', type: 'text', array: true, default: () => "'{}'" })
  mutedNotificationKinds: string[];

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
