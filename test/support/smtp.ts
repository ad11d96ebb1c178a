import { simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerAddress } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** What the server answers a recipient: accept (undefined), or refuse with an SMTP code and text. */
export type RecipientAnswer = { code: number; message: string } | undefined;

export interface TestSmtp {
  url: string;
  /** Every message the server accepted, in order. */
  received: ReceivedMail[];
  /** Decides the answer to each RCPT TO (may wait: the client waits with it). */
  onRecipient: (address: string) => Promise<RecipientAnswer> | RecipientAnswer;
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

/** A real SMTP server on a free port of the loopback, keeping the messages it accepts (parsed). */
export async function startSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const smtp: Partial<TestSmtp> = { received, onRecipient: () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      Promise.resolve(smtp.onRecipient!(address.address)).then((answer) => {
        if (!answer) return callback();
        callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
      }, callback);
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((parsed) => {
        received.push({
          messageId: parsed.messageId ?? '',
          to: [parsed.to].flat().map((to) => to?.text ?? '').join(', '),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
        });
        callback();
      }, callback);
    },
  });
  // A client that disappears (a worker killed mid-send) is not the server's problem.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(smtp, {
    url: `smtp://127.0.0.1:${port}`,
    to: (address: string) => received.filter((mail) => mail.to === address),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as TestSmtp;
}
