import { Injectable } from '@nestjs/common';
import { ScheduledRuns } from '../../platform/schedules/scheduled-runs';
import { OnJob, QueueProcessor } from '../../platform/queue/queue.decorators';
import { JobName, JobPayloads, QueueName } from '../../platform/queue/queues';
import type { JobContext } from '../../platform/queue/worker-host';
import { FulfilmentService } from './fulfilment.service';

@Injectable()
@QueueProcessor(QueueName.Fulfilment)
export class FulfilmentProcessor {
  constructor(
    private readonly fulfilment: FulfilmentService,
    private readonly runs: ScheduledRuns,
  ) {}

  /** Recomputes from the hours themselves, so a redelivered or retried job leaves the same figures. */
  @OnJob(JobName.RecomputeFulfilment)
  recompute(payload: JobPayloads[JobName.RecomputeFulfilment], context: JobContext): Promise<boolean> {
    return this.fulfilment.recompute(payload, context.eventIds);
  }

  /** The periodic check that every market's figures reflect its last change (the last line of defence). */
  @OnJob(JobName.ReconcileFulfilment)
  reconcile(): Promise<string> {
    return this.runs.track(JobName.ReconcileFulfilment, async () => {
      const { markets } = await this.fulfilment.reconcile();
      return `${markets} marché(s) recalculé(s)`;
    });
  }
}
