/**
 * Every queue and job of the platform, declared in one place so that `add(JobName.X, payload)` is type-checked.
 * Payloads carry identifiers, never data: the handler reads the current state from the database.
 */
export enum QueueName {
  Structures = 'structures',
}

export enum JobName {
  RecomputeStructureStaffing = 'recompute-structure-staffing',
}

export interface JobPayloads {
  [JobName.RecomputeStructureStaffing]: { structureId: string };
}

export const QUEUE_OF_JOB: { [J in JobName]: QueueName } = {
  [JobName.RecomputeStructureStaffing]: QueueName.Structures,
};

/** What travels in BullMQ: the outbox event that asked for the job, and its payload. */
export interface JobEnvelope<J extends JobName = JobName> {
  eventId: string;
  payload: JobPayloads[J];
}
