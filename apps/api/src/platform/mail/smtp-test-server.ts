// For tests only (imported by *.test.ts, never by the application): a real SMTP server on a
// loopback port that keeps every message it accepts, parsed by mailparser.
import { type AddressInfo, createServer } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** SMTP envelope recipients (Bcc included). */
  recipients: string[];
  parsed: ParsedMail;
}

export interface SmtpTestServer {
  port: number;
  url: string;
  /** Every accepted message, in the order of receipt. */
  received: ReceivedMail[];
  /** Stops listening: connections are then refused, as from a server that is down. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/** A free loopback port (listen on 0, read it, close). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts an SMTP server on 127.0.0.1; recipients matching `reject` get a permanent 550. */
export async function startSmtpTestServer(options: { reject?: RegExp } = {}): Promise<SmtpTestServer> {
  const port = await freePort();
  const received: ReceivedMail[] = [];
  let server: SMTPServer | undefined;

  const listen = async () => {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (options.reject?.test(address.address)) {
          const error = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
          callback(error);
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        // Acknowledged only once parsed: when the client's send resolves, the message is recorded.
        simpleParser(stream)
          .then((parsed) => {
            received.push({ recipients: session.envelope.rcptTo.map((r) => r.address), parsed });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      smtp.once('error', reject);
      smtp.listen(port, '127.0.0.1', () => resolve());
    });
    server = smtp;
  };

  await listen();
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    async stop() {
      const current = server;
      server = undefined;
      if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    start: listen,
  };
}
