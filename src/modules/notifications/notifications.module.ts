import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsPagesController } from './notifications.pages';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

@Module({
  controllers: [NotificationsController, NotificationsPagesController],
  providers: [NotificationsRepository, NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
