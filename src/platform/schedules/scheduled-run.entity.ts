import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One run of a scheduled job for one period (a day): done once, whatever the number of workers or deliveries. */
@Entity({ name: 'scheduled_run' })
export class ScheduledRun {
  @PrimaryColumn({ type: 'text' }) job: string;
  /** The period the run is for, as its schedule names it (a Paris day: AAAA-MM-JJ). */
  @PrimaryColumn({ type: 'text' }) period: string;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  /** RUNNING, DONE or FAILED. */
  @Column({ type: 'text' }) outcome: string;
  /** What the run did, in French, or why it failed. */
  @Column({ type: 'text', nullable: true }) summary: string | null;
}
