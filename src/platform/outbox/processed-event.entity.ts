import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One row per (consumer, outbox event) applied: a redelivered job finds its row and changes nothing. */
@Entity({ name: 'processed_event' })
export class ProcessedEvent {
  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @PrimaryColumn({ name: 'event_id', type: 'bigint' })
  eventId: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt: Date;
}
