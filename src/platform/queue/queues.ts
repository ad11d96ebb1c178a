/**
 * Every queue and job of the platform, declared in one place so that `add(JobName.X, payload)` is type-checked.
 * Payloads carry identifiers, never data: the handler reads the current state from the database.
 */
export enum QueueName {
  Structures = 'structures',
  Fulfilment = 'fulfilment',
  Consolidation = 'consolidation',
  Maintenance = 'maintenance',
  Mail = 'mail',
}

export enum JobName {
  RecomputeStructureStaffing = 'recompute-structure-staffing',
  RecomputeFulfilment = 'recompute-fulfilment',
  ReconcileFulfilment = 'reconcile-fulfilment',
  RunConsolidation = 'run-consolidation',
  PruneOutbox = 'prune-outbox',
  SendMail = 'send-mail',
  RunReminders = 'run-reminders',
  EraseInactiveParticipants = 'erase-inactive-participants',
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
  [JobName.SendMail]: { mailId: string };
  /** Daily, from a job scheduler: the reminders of the day (Europe/Paris) the job runs. */
  [JobName.RunReminders]: Record<string, never>;
  /** Daily: erases the identity of participants inactive for RETENTION_YEARS. */
  [JobName.EraseInactiveParticipants]: Record<string, never>;
}

export const QUEUE_OF_JOB: { [J in JobName]: QueueName } = {
  [JobName.RecomputeStructureStaffing]: QueueName.Structures,
  [JobName.RecomputeFulfilment]: QueueName.Fulfilment,
  [JobName.ReconcileFulfilment]: QueueName.Fulfilment,
  [JobName.RunConsolidation]: QueueName.Consolidation,
  [JobName.PruneOutbox]: QueueName.Maintenance,
  [JobName.SendMail]: QueueName.Mail,
  [JobName.RunReminders]: QueueName.Maintenance,
  [JobName.EraseInactiveParticipants]: QueueName.Maintenance,
};

/** The time zone of every schedule given as a time of day: the users' own. */
export const SCHEDULE_TIME_ZONE = 'Europe/Paris';

/** When a scheduled job runs: every so many milliseconds, or at a time of day in Europe/Paris (a cron pattern). */
export type ScheduleRepeat = { every: number } | { pattern: string; tz: string };

/**
 * Jobs that a BullMQ job scheduler adds (one scheduler per job, however many workers declare it), with when, from
 * the configuration.
 */
export const SCHEDULED_JOBS: { job: JobName; repeat: (config: { RECONCILE_EVERY_MS: number }) => ScheduleRepeat }[] = [
  { job: JobName.ReconcileFulfilment, repeat: (config) => ({ every: config.RECONCILE_EVERY_MS }) },
  { job: JobName.PruneOutbox, repeat: () => ({ every: 3_600_000 }) },
  // Reminders at 7 a.m., before the working day; erasures at night.
  { job: JobName.RunReminders, repeat: () => ({ pattern: '0 7 * * *', tz: SCHEDULE_TIME_ZONE }) },
  { job: JobName.EraseInactiveParticipants, repeat: () => ({ pattern: '30 2 * * *', tz: SCHEDULE_TIME_ZONE }) },
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
