import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { StructureRecord } from '../../platform/records/record-columns';
import { Structure } from '../structures/structure.entity';

/** A public buyer (maître d'ouvrage) as a structure knows it; the same organisation across structures shares its SIRET. */
@Entity({ name: 'buyer' })
@Index('UQ_buyer_structure_ref', ['structureId', 'ref'], { unique: true })
@Index('IDX_buyer_siret', ['siret'])
export class Buyer extends StructureRecord {
  @ManyToOne(() => Structure, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'structure_id' })
  structure?: Structure;

  @Column({ type: 'text' }) ref: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text', nullable: true }) siret: string | null;
}
