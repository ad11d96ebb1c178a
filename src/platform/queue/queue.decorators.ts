import { SetMetadata } from '@nestjs/common';
import { JobName, QueueName } from './queues';

export const QUEUE_PROCESSOR_KEY = 'queue:processor';
export const JOB_HANDLER_KEY = 'queue:job';

/** Marks the one class that processes a queue's jobs. */
export const QueueProcessor = (queue: QueueName) => SetMetadata(QUEUE_PROCESSOR_KEY, queue);

/** Marks the method handling one job name; it receives the payload and the id of the outbox event. */
export const OnJob = (job: JobName) => SetMetadata(JOB_HANDLER_KEY, job);
