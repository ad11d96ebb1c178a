import { Column, Entity, Index } from 'typeorm';
import { decimalColumn, StructureRecord } from '../../platform/records/record-columns';

/** One declared figure of a PLIE's yearly questionnaire (totals are computed, never stored). */
@Entity({ name: 'plie_annual_figure' })
@Index('UQ_plie_annual_figure', ['structureId', 'year', 'questionnaireTable', 'item', 'measure'], { unique: true })
export class PlieAnnualFigure extends StructureRecord {
  @Column({ type: 'int' }) year: number;
  @Column({ name: 'questionnaire_table', type: 'text' }) questionnaireTable: string;
  @Column({ type: 'text' }) item: string;
  @Column({ type: 'text' }) measure: string;
  @decimalColumn('value', 14) value: string;
}
