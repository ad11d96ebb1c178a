/**
 * Every queue and job of the platform, declared in one place so that `add(JobName.X, payload)` is type-checked.
 * Payloads carry identifiers, never data: the handler reads the current state from the database.
 */
export enum QueueName {
  Structures = 'structures',
  Fulfilment = 'fulfilment',
  Consolidation = 'consolidation',
}

export enum JobName {
  RecomputeStructureStaffing = 'recompute-structure-staffing',
  RecomputeFulfilment = 'recompute-fulfilment',
  RunConsolidation = 'run-consolidation',
}

export interface JobPayloads {
  [JobName.RecomputeStructureStaffing]: { structureId: string };
  /** The markets whose figures may have changed; `marketIds: null` recomputes every market of the structure. */
  [JobName.RecomputeFulfilment]: { structureId: string; marketIds: string[] | null };
  [JobName.RunConsolidation]: { consolidationId: string };
}

export const QUEUE_OF_JOB: { [J in JobName]: QueueName } = {
  [JobName.RecomputeStructureStaffing]: QueueName.Structures,
  [JobName.RecomputeFulfilment]: QueueName.Fulfilment,
  [JobName.RunConsolidation]: QueueName.Consolidation,
};

/** What travels in BullMQ: the outbox event that asked for the job, and its payload. */
export interface JobEnvelope<J extends JobName = JobName> {
  eventId: string;
  payload: JobPayloads[J];
}
