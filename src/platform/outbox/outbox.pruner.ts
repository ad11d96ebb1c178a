import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OnJob, QueueProcessor } from '../queue/queue.decorators';
import { JobName, QueueName } from '../queue/queues';
import { OutboxService } from './outbox.service';

/** The periodic upkeep of the outbox: one row per write would otherwise grow forever. */
@Injectable()
@QueueProcessor(QueueName.Maintenance)
export class OutboxPruner {
  private readonly logger = new Logger('OutboxPruner');

  constructor(
    private readonly outbox: OutboxService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @OnJob(JobName.PruneOutbox)
  async prune(): Promise<{ removed: number }> {
    const removed = await this.outbox.pruneApplied(this.config.OUTBOX_RETENTION_DAYS);
    if (removed > 0) this.logger.log(`outbox: ${removed} event(s) applied more than ${this.config.OUTBOX_RETENTION_DAYS} days ago forgotten`);
    return { removed };
  }
}
