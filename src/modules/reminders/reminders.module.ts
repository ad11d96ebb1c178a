import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { RemindersController } from './reminders.controller';
import { RemindersPagesController } from './reminders.pages';
import { RemindersProcessor } from './reminders.processor';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';

@Module({
  imports: [NotificationsModule],
  controllers: [RemindersController, RemindersPagesController],
  providers: [RemindersRepository, RemindersService, RemindersProcessor],
  exports: [RemindersService],
})
export class RemindersModule {}
