import { Module } from '@nestjs/common';
import { NationalSpacePagesController } from './national-space.pages';
import { NationalSpaceRepository } from './national-space.repository';

/** National staff's pages beyond the consolidations: the structures of a year and their headline figures. */
@Module({
  controllers: [NationalSpacePagesController],
  providers: [NationalSpaceRepository],
})
export class NationalSpaceModule {}
