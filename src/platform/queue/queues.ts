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

/**
 * Jobs whose pending events the relay may merge into one job: the merged payload, or undefined when the two cannot
 * be merged. Recomputing the markets of a structure is set-based, so many writes on one structure cost one job.
 */
export const MERGEABLE_JOBS: { [J in JobName]?: (a: JobPayloads[J], b: JobPayloads[J]) => JobPayloads[J] | undefined } = {
  [JobName.RecomputeFulfilment]: (a, b) =>
    a.structureId !== b.structureId
      ? undefined
      : { structureId: a.structureId, marketIds: a.marketIds === null || b.marketIds === null ? null : [...new Set([...a.marketIds, ...b.marketIds])] },
};

/** What travels in BullMQ: the outbox event that asked for the job (the first, when merged), all of them, and the payload. */
export interface JobEnvelope<J extends JobName = JobName> {
  eventId: string;
  eventIds?: string[];
  payload: JobPayloads[J];
}
