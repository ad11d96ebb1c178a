import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';

/** A message ready to go: `id` names it (its Message-ID, its file), so sending it again is recognisable. */
export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The folder of .eml files when no SMTP server is configured. */
const mailFolder = (config: Pick<AppConfig, 'DATA_DIR'>) => resolve(config.DATA_DIR, 'mail');

/** Where e-mails go, as the start log says it: the SMTP server's host, or the folder of .eml files. */
export function mailDestination(config: Pick<AppConfig, 'SMTP_URL' | 'DATA_DIR'>): string {
  return config.SMTP_URL ? `SMTP ${new URL(config.SMTP_URL).host}` : `.eml files in ${mailFolder(config)}`;
}

/** The domain of Message-IDs: a message sent twice carries the same one, so mail systems may drop the repeat. */
const MESSAGE_ID_DOMAIN = 'clause-tracker';

/**
 * Hands messages to the SMTP server of SMTP_URL; without it, writes each as a .eml file under DATA_DIR/mail (named by
 * the message, so a repeat overwrites rather than duplicates), which any mail client opens.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private transporter?: Transporter;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  async send(mail: OutgoingMail): Promise<void> {
    const message = {
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${mail.id}@${MESSAGE_ID_DOMAIN}>`,
      headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': 'fr' },
    };
    if (this.config.SMTP_URL) {
      await this.smtp().sendMail(message);
      return;
    }
    const built = await createTransport({ streamTransport: true, buffer: true, newline: 'unix' }).sendMail(message);
    const folder = mailFolder(this.config);
    mkdirSync(folder, { recursive: true });
    // Written whole then renamed: a reader never sees half a message.
    const file = join(folder, `${mail.id}.eml`);
    writeFileSync(`${file}.part`, built.message as Buffer);
    renameSync(`${file}.part`, file);
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }

  private smtp(): Transporter {
    if (!this.transporter) {
      this.transporter = createTransport(this.config.SMTP_URL, { from: this.config.MAIL_FROM });
      this.transporter.on('error', (error) => this.logger.warn({ err: error }, 'SMTP transport error'));
    }
    return this.transporter;
  }
}
