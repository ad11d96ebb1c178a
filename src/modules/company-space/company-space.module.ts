import { Module } from '@nestjs/common';
import { HoursModule } from '../hours/hours.module';
import { CompanySpacePagesController } from './company-space.pages';
import { CompanySpaceRepository } from './company-space.repository';

/** The company's pages (entreprise attributaire): its awards, its monthly declaration, a summary per market. */
@Module({
  imports: [HoursModule],
  controllers: [CompanySpacePagesController],
  providers: [CompanySpaceRepository],
})
export class CompanySpaceModule {}
