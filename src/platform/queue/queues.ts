/**
 * Every queue and job of the platform, declared in one place so that `add(JobName.X, payload)` is type-checked.
 * Payloads carry identifiers, never data: the handler reads the current state from the database.
 */
export enum QueueName {
  Structures = 'structures',
  Fulfilment = 'fulfilment',
  Consolidation = 'consolidation',
  Maintenance = 'maintenance',
}

export enum JobName {
  RecomputeStructureStaffing = 'recompute-structure-staffing',
  RecomputeFulfilment = 'recompute-fulfilment',
  ReconcileFulfilment = 'reconcile-fulfilment',
  RunConsolidation = 'run-consolidation',
  PruneOutbox = 'prune-outbox',
}

export interface JobPayloads {
  [JobName.RecomputeStructureStaffing]: { structureId: string };
  /** The markets whose figures may have changed; `marketIds: null` recomputes every market of the structure. */
  [JobName.RecomputeFulfilment]: { structureId: string; marketIds: string[] | null };
  /** Periodic, from a job scheduler: no outbox event. */
  [JobName.ReconcileFulfilment]: Record<string, never>;
  [JobName.RunConsolidation]: { consolidationId: string };
  /** Periodic: forgets the outbox events applied long ago. */
  [JobName.PruneOutbox]: Record<string, never>;
}

export const QUEUE_OF_JOB: { [J in JobName]: QueueName } = {
  [JobName.RecomputeStructureStaffing]: QueueName.Structures,
  [JobName.RecomputeFulfilment]: QueueName.Fulfilment,
  [JobName.ReconcileFulfilment]: QueueName.Fulfilment,
  [JobName.RunConsolidation]: QueueName.Consolidation,
  [JobName.PruneOutbox]: QueueName.Maintenance,
};

/**
 * Jobs that a BullMQ job scheduler adds every `everyMs` (one scheduler per job, however many workers declare it),
 * with how often, from the configuration.
 */
export const SCHEDULED_JOBS: { job: JobName; every: (config: { RECONCILE_EVERY_MS: number }) => number }[] = [
  { job: JobName.ReconcileFulfilment, every: (config) => config.RECONCILE_EVERY_MS },
  { job: JobName.PruneOutbox, every: () => 3_600_000 },
];

/**
 * How often a job is tried before it fails for good: with retries doubling from JOB_RETRY_BASE_MS (1 s) up to
 * JOB_RETRY_MAX_MS (2 min), 12 attempts span about 10 minutes, so a database or network outage of several
 * minutes delays the work without failing it.
 */
export const JOB_ATTEMPTS = 12;

/** The delay before retry number `attemptsMade` (1 for the first retry). */
export function retryDelay(attemptsMade: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attemptsMade - 1, 30)));
}

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

/** What travels in BullMQ: the outbox events that asked for the job (several when merged; none when scheduled), and the payload. */
export interface JobEnvelope<J extends JobName = JobName> {
  eventIds: string[];
  payload: JobPayloads[J];
}
