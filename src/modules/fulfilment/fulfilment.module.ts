import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StructuresModule } from '../structures/structures.module';
import { FulfilmentController } from './fulfilment.controller';
import { AwardFulfilment, MarketChange, MarketFulfilment, MarketFulfilmentMonth } from './fulfilment.entities';
import { FulfilmentProcessor } from './fulfilment.processor';
import { FulfilmentRepository } from './fulfilment.repository';
import { FulfilmentService } from './fulfilment.service';

@Module({
  imports: [TypeOrmModule.forFeature([MarketFulfilment, MarketFulfilmentMonth, AwardFulfilment, MarketChange]), StructuresModule],
  controllers: [FulfilmentController],
  providers: [FulfilmentRepository, FulfilmentService, FulfilmentProcessor],
  exports: [FulfilmentService],
})
export class FulfilmentModule {}
