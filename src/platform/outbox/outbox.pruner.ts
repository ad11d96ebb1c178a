import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OnJob, QueueProcessor } from '../queue/queue.decorators';
import { JobName, QueueName } from '../queue/queues';
import { ScheduledRuns } from '../schedules/scheduled-runs';
import { OutboxService } from './outbox.service';

/** How long the record of scheduled runs is kept. */
const SCHEDULED_RUNS_KEPT_DAYS = 90;

/** The periodic upkeep of the outbox: one row per write would otherwise grow forever. */
@Injectable()
@QueueProcessor(QueueName.Maintenance)
export class OutboxPruner {
  private readonly logger = new Logger('OutboxPruner');

  constructor(
    private readonly outbox: OutboxService,
    private readonly runs: ScheduledRuns,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @OnJob(JobName.PruneOutbox)
  async prune(): Promise<string> {
    return this.runs.track(JobName.PruneOutbox, async () => {
      const removed = await this.outbox.pruneApplied(this.config.OUTBOX_RETENTION_DAYS);
      await this.runs.prune(SCHEDULED_RUNS_KEPT_DAYS);
      if (removed > 0) this.logger.log(`outbox: ${removed} event(s) applied more than ${this.config.OUTBOX_RETENTION_DAYS} days ago forgotten`);
      return `${removed} événement(s) appliqué(s) depuis plus de ${this.config.OUTBOX_RETENTION_DAYS} jours oublié(s)`;
    });
  }
}
