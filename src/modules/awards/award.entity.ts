import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { decimalColumn, StructureRecord } from '../../platform/records/record-columns';
import { Company } from '../companies/company.entity';
import { Market } from '../markets/market.entity';

/** A company on a market: holder, co-contractor or subcontractor, with its share of the hours objective. */
@Entity({ name: 'award' })
@Index('UQ_award_market_company', ['marketId', 'companyId'], { unique: true })
export class Award extends StructureRecord {
  @ManyToOne(() => Market, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'market_id' })
  market?: Market;

  @Column({ name: 'market_id', type: 'uuid' }) marketId: string;

  @Index('IDX_award_company')
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id' })
  company?: Company;

  @Column({ name: 'company_id', type: 'uuid' }) companyId: string;
  @Column({ type: 'text' }) role: string;
  @decimalColumn('hours_objective', 10, { nullable: true }) hoursObjective: string | null;
  @decimalColumn('agreed_hours', 10, { nullable: true }) agreedHours: string | null;
}
