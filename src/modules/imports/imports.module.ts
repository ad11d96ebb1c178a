import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ImportFile } from './import-file.entity';
import { ImportProgressBoard } from './import-progress.board';
import { FulfilmentModule } from '../fulfilment/fulfilment.module';
import { StructuresModule } from '../structures/structures.module';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';

@Module({
  imports: [TypeOrmModule.forFeature([ImportFile]), StructuresModule, FulfilmentModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportsRepository, ImportProgressBoard],
  exports: [ImportsService],
})
export class ImportsModule {}
