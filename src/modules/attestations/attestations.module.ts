import { Module } from '@nestjs/common';
import { AttestationsController } from './attestations.controller';
import { AttestationsPagesController } from './attestations.pages';
import { AttestationsRepository } from './attestations.repository';
import { AttestationsService } from './attestations.service';

@Module({
  controllers: [AttestationsController, AttestationsPagesController],
  providers: [AttestationsRepository, AttestationsService],
})
export class AttestationsModule {}
