import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** What every structure-owned record has: an id, its structure and its timestamps. */
export abstract class StructureRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'structure_id', type: 'uuid' })
  structureId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /**
   * The import that created the record, if one did: its trail starts with that import (file, date, author) instead of
   * an audit row per record. No foreign key: import records are never deleted, and a check per row would slow the
   * import it belongs to.
   */
  @Column({ name: 'created_by_import', type: 'bigint', nullable: true })
  createdByImport: string | null;
}

/** Exact decimals: hours and euros are `numeric`, read back as text, never as floats. */
export const decimalColumn = (name: string, precision: number, options: { nullable?: boolean; default?: string } = {}) =>
  Column({ name, type: 'numeric', precision, scale: 2, nullable: options.nullable ?? false, default: options.default });
