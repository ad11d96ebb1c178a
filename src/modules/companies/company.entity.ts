import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { StructureRecord } from '../../platform/records/record-columns';
import { Structure } from '../structures/structure.entity';

/** A company or an insertion/disability-sector structure known to a structure; one organisation nationally per SIRET. */
@Entity({ name: 'company' })
@Index('UQ_company_structure_siret', ['structureId', 'siret'], { unique: true })
@Index('IDX_company_siret', ['siret'])
export class Company extends StructureRecord {
  @ManyToOne(() => Structure, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'structure_id' })
  structure?: Structure;

  @Column({ type: 'text' }) siret: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'naf_code', type: 'text', nullable: true }) nafCode: string | null;
  @Column({ name: 'size_band', type: 'text', nullable: true }) sizeBand: string | null;
}
