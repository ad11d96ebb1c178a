import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Structure } from './structure.entity';
import { StructuresController } from './structures.controller';
import { StructuresProcessor } from './structures.processor';
import { StructuresRepository } from './structures.repository';
import { StructuresService } from './structures.service';

@Module({
  imports: [TypeOrmModule.forFeature([Structure])],
  controllers: [StructuresController],
  providers: [StructuresRepository, StructuresService, StructuresProcessor],
  exports: [StructuresService],
})
export class StructuresModule {}
