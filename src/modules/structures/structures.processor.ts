import { Injectable } from '@nestjs/common';
import { OutboxService } from '../../platform/outbox/outbox.service';
import { OnJob, QueueProcessor } from '../../platform/queue/queue.decorators';
import { JobName, JobPayloads, QueueName } from '../../platform/queue/queues';
import type { JobContext } from '../../platform/queue/worker-host';
import { StructuresRepository } from './structures.repository';

@Injectable()
@QueueProcessor(QueueName.Structures)
export class StructuresProcessor {
  constructor(
    private readonly outbox: OutboxService,
    private readonly repository: StructuresRepository,
  ) {}

  /** Returns false when this event was already applied (a redelivered job). */
  @OnJob(JobName.RecomputeStructureStaffing)
  recomputeStaffing(payload: JobPayloads[JobName.RecomputeStructureStaffing], context: JobContext): Promise<boolean> {
    return this.outbox.applyOnce(context.eventIds, (manager) => this.repository.recomputeStaffing(manager, payload.structureId));
  }
}
