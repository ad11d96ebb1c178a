import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { errorMessage } from '../logging/log-serializers';
import { QueueProducer } from '../queue/queue-producer';
import { JobName, SCHEDULED_JOBS, ScheduleRepeat } from '../queue/queues';

/** What an administrator sees of a schedule: when it runs, when it ran last and how that went. */
export interface ScheduleState {
  job: JobName;
  repeat: ScheduleRepeat;
  /** Null when the queue is unreachable or the scheduler not declared yet (no worker started). */
  nextRunAt: Date | null;
  lastRun: { period: string; startedAt: Date; finishedAt: Date | null; outcome: string; summary: string | null } | null;
}

const errorText = (error: unknown) => errorMessage(error).slice(0, 500);

/**
 * The record of scheduled runs. A run for a period is done once: its work and the mark "done" commit together, under
 * the period's row lock, so a second delivery (two workers, a retry, the command line) waits for the first and then
 * does nothing; a failed run leaves nothing but its failure, and is tried again.
 */
@Injectable()
export class ScheduledRuns {
  private readonly logger = new Logger('Schedules');

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Runs `work` for `period` unless a run of that period is done; answers its summary, or undefined when skipped. */
  async once(job: JobName, period: string, work: (manager: EntityManager) => Promise<string>): Promise<string | undefined> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `INSERT INTO scheduled_run (job, period, started_at, outcome) VALUES ($1, $2, now(), 'RUNNING')
           ON CONFLICT (job, period) DO NOTHING`,
          [job, period],
        );
        const [run]: { outcome: string }[] = await manager.query('SELECT outcome FROM scheduled_run WHERE job = $1 AND period = $2 FOR UPDATE', [job, period]);
        if (run?.outcome === 'DONE') return undefined;
        const summary = await work(manager);
        await manager.query(
          `UPDATE scheduled_run SET outcome = 'DONE', summary = $3, finished_at = clock_timestamp(), started_at = now() WHERE job = $1 AND period = $2`,
          [job, period, summary],
        );
        this.logger.log({ job, period }, summary);
        return summary;
      });
    } catch (error) {
      await this.failed(job, period, error);
      throw error;
    }
  }

  /** Records a run of a periodic job that has no period of its own (every few minutes), named by its start. */
  async track(job: JobName, work: () => Promise<string>): Promise<string> {
    const started = new Date();
    const period = started.toISOString();
    try {
      const summary = await work();
      await this.dataSource.query(
        `INSERT INTO scheduled_run (job, period, started_at, finished_at, outcome, summary) VALUES ($1, $2, $3, now(), 'DONE', $4)`,
        [job, period, started, summary],
      );
      return summary;
    } catch (error) {
      await this.failed(job, period, error);
      throw error;
    }
  }

  /** Every schedule with its next and last run. */
  async states(): Promise<ScheduleState[]> {
    const next = await this.producer.nextRuns().catch(() => new Map<JobName, number>());
    const last: { job: JobName; period: string; started_at: Date; finished_at: Date | null; outcome: string; summary: string | null }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (job) job, period, started_at, finished_at, outcome, summary FROM scheduled_run ORDER BY job, started_at DESC`,
    );
    const lastOf = new Map(last.map((row) => [row.job, row]));
    return SCHEDULED_JOBS.map(({ job, repeat }) => {
      const run = lastOf.get(job);
      const nextRun = next.get(job);
      return {
        job,
        repeat: repeat(this.config),
        nextRunAt: nextRun === undefined ? null : new Date(nextRun),
        lastRun: run ? { period: run.period, startedAt: run.started_at, finishedAt: run.finished_at, outcome: run.outcome, summary: run.summary } : null,
      };
    });
  }

  /** Forgets runs older than `days` (the frequent ones would otherwise pile up). */
  async prune(days: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM scheduled_run WHERE started_at < now() - $1 * interval '1 day'`, [days]);
  }

  private async failed(job: JobName, period: string, error: unknown): Promise<void> {
    this.logger.warn({ job, period, err: error }, 'scheduled run failed');
    await this.dataSource
      .query(
        `INSERT INTO scheduled_run (job, period, started_at, finished_at, outcome, summary) VALUES ($1, $2, now(), now(), 'FAILED', $3)
         ON CONFLICT (job, period) DO UPDATE SET finished_at = now(), outcome = 'FAILED', summary = EXCLUDED.summary WHERE scheduled_run.outcome <> 'DONE'`,
        [job, period, errorText(error)],
      )
      .catch(() => undefined);
  }
}
