import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock';
import { OnJob, QueueProcessor } from '../../platform/queue/queue.decorators';
import { JobName, QueueName } from '../../platform/queue/queues';
import { RemindersService } from './reminders.service';

@Injectable()
@QueueProcessor(QueueName.Maintenance)
export class RemindersProcessor {
  constructor(
    private readonly reminders: RemindersService,
    private readonly clock: Clock,
  ) {}

  /** The day's reminders, from the daily scheduler: the day is the one it is in France when the job runs. */
  @OnJob(JobName.RunReminders)
  async run(): Promise<string> {
    return (await this.reminders.runToday(this.clock.now())) ?? 'déjà faits ce jour';
  }
}
