import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { errorMessage } from '../logging/log-serializers';
import { OutboxService } from '../outbox/outbox.service';
import { OnJob, QueueProcessor } from '../queue/queue.decorators';
import { JobName, QueueName } from '../queue/queues';
import type { JobContext } from '../queue/worker-host';
import { MailTransport } from './mail-transport';

export interface MailToSend {
  to: string;
  userId: string | null;
  subject: string;
  text: string;
  html: string;
  /** At most one message per key: a second one with the same key is not written. */
  dedupeKey?: string;
}

/** An SMTP answer that will not change by trying again: the address or the message is refused for good. */
function refusedForGood(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500;
}

const errorText = (error: unknown) => errorMessage(error).slice(0, 1000);

/**
 * E-mail through the transactional outbox: a message is written with what it announces and an outbox event, and the
 * SendMail job sends it. The message's row is locked while it is sent and marked sent in the same transaction, so a
 * second delivery of the job waits and then finds it sent; a worker that dies mid-send rolls back, and the job
 * (taken over, or published again by the relay) sends it once. Only a death between the server's acceptance and the
 * commit could repeat a message; it would carry the same Message-ID.
 */
@Injectable()
@QueueProcessor(QueueName.Mail)
export class MailOutbox {
  private readonly logger = new Logger('Mail');

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly transport: MailTransport,
  ) {}

  /** Writes the message and its sending job in the caller's transaction; answers false when its key was used. */
  async enqueue(manager: EntityManager, mail: MailToSend): Promise<boolean> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO mail_message (recipient, user_id, subject, text_body, html_body, dedupe_key) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [mail.to, mail.userId, mail.subject, mail.text, mail.html, mail.dedupeKey ?? null],
    );
    if (rows.length === 0) return false;
    await this.outbox.add(manager, JobName.SendMail, { mailId: rows[0]!.id });
    return true;
  }

  @OnJob(JobName.SendMail)
  async send(payload: { mailId: string }, context: JobContext): Promise<{ sent: boolean }> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [mail]: { id: string; recipient: string; subject: string; text_body: string; html_body: string; status: string }[] = await manager.query(
          'SELECT id, recipient, subject, text_body, html_body, status FROM mail_message WHERE id = $1 FOR UPDATE',
          [payload.mailId],
        );
        await this.outbox.markApplied(manager, context.eventIds);
        if (!mail || mail.status !== 'PENDING') return { sent: false };
        await this.transport.send({ id: mail.id, to: mail.recipient, subject: mail.subject, text: mail.text_body, html: mail.html_body });
        await manager.query(`UPDATE mail_message SET status = 'SENT', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`, [mail.id]);
        return { sent: true };
      });
    } catch (error) {
      const final = refusedForGood(error) || context.finalAttempt;
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `UPDATE mail_message SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'FAILED' ELSE status END WHERE id = $1 AND status = 'PENDING'`,
          [payload.mailId, errorText(error), final],
        );
        // A message refused for good is done with: its event is applied, nothing will send it.
        if (final) await this.outbox.markApplied(manager, context.eventIds);
      });
      this.logger.warn({ mailId: payload.mailId, err: error, final }, final ? 'e-mail not sent, given up' : 'e-mail not sent, will retry');
      if (refusedForGood(error)) throw new UnrecoverableError(errorText(error));
      throw error;
    }
  }
}
