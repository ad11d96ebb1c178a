import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PliePathway, PlieStep } from './plie.entities';
import { PlieController } from './plie.controller';
import { PlieService } from './plie.service';

@Module({
  imports: [TypeOrmModule.forFeature([PliePathway, PlieStep])],
  controllers: [PlieController],
  providers: [PlieService],
  exports: [PlieService],
})
export class PlieModule {}
