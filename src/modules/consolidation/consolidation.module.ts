import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StructuresModule } from '../structures/structures.module';
import { ConsolidationController } from './consolidation.controller';
import { ConsolidationPagesController } from './consolidation.pages';
import { Consolidation } from './consolidation.entity';
import { ConsolidationProcessor } from './consolidation.processor';
import { ConsolidationRepository } from './consolidation.repository';
import { ConsolidationService } from './consolidation.service';

@Module({
  imports: [TypeOrmModule.forFeature([Consolidation]), StructuresModule],
  controllers: [ConsolidationController, ConsolidationPagesController],
  providers: [ConsolidationRepository, ConsolidationService, ConsolidationProcessor],
  exports: [ConsolidationService],
})
export class ConsolidationModule {}
