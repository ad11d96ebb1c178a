import { Injectable } from '@nestjs/common';
import { OnJob, QueueProcessor } from '../../platform/queue/queue.decorators';
import { JobName, JobPayloads, QueueName } from '../../platform/queue/queues';
import type { JobContext } from '../../platform/queue/worker-host';
import { ConsolidationService } from './consolidation.service';

@Injectable()
@QueueProcessor(QueueName.Consolidation)
export class ConsolidationProcessor {
  constructor(private readonly consolidations: ConsolidationService) {}

  /** A failed attempt is retried by BullMQ; the consolidation records FAILED only when no attempt is left. */
  @OnJob(JobName.RunConsolidation)
  run(payload: JobPayloads[JobName.RunConsolidation], context: JobContext): Promise<void> {
    return this.consolidations.run(payload.consolidationId, context);
  }
}
