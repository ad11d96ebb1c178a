import { Module } from '@nestjs/common';
import { FulfilmentModule } from '../fulfilment/fulfilment.module';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkContract } from './work-contract.entity';
import { WorkContractsController } from './work-contracts.controller';
import { WorkContractsService } from './work-contracts.service';

@Module({
  imports: [TypeOrmModule.forFeature([WorkContract]), FulfilmentModule],
  controllers: [WorkContractsController],
  providers: [WorkContractsService],
  exports: [WorkContractsService],
})
export class WorkContractsModule {}
