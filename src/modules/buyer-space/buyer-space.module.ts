import { Module } from '@nestjs/common';
import { FulfilmentModule } from '../fulfilment/fulfilment.module';
import { MarketsModule } from '../markets/markets.module';
import { BuyerSpacePagesController } from './buyer-space.pages';

/** The public buyer's pages: its markets in every structure that tracks them, and each one's fulfilment. */
@Module({
  imports: [MarketsModule, FulfilmentModule],
  controllers: [BuyerSpacePagesController],
})
export class BuyerSpaceModule {}
