import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FulfilmentModule } from '../fulfilment/fulfilment.module';
import { HoursEntry } from './hours-entry.entity';
import { HoursController } from './hours.controller';
import { HoursRepository } from './hours.repository';
import { HoursService } from './hours.service';

@Module({
  imports: [TypeOrmModule.forFeature([HoursEntry]), FulfilmentModule],
  controllers: [HoursController],
  providers: [HoursRepository, HoursService],
  exports: [HoursService],
})
export class HoursModule {}
