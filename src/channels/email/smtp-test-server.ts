/**
 * A real SMTP server on 127.0.0.1 (the smtp-server package) for tests and benchmarks: it keeps the raw MIME of
 * each accepted email, and `replyToRecipient` can answer a RCPT TO with an SMTP error code (451, 550, …) to
 * drive the channel's retry and bounce handling. With `discard`, it reads and drops the data (a sink).
 */
import { SMTPServer } from 'smtp-server';

export interface TestSmtpServer {
  port: number;
  /** Raw MIME of every accepted email, in order. */
  received: string[];
  /** RCPT TO commands seen, accepted or not. */
  recipientsTried: string[];
  /** The code to answer the next RCPT TO with (null: accept). Called for each recipient. */
  replyToRecipient: (address: string) => number | null;
  close(): Promise<void>;
}

function smtpReply(code: number): Error {
  return Object.assign(new Error(code >= 500 ? '5.1.1 No such user here' : '4.7.1 Try again later'), {
    responseCode: code,
  });
}

export async function startTestSmtpServer(options: { discard?: boolean } = {}): Promise<TestSmtpServer> {
  const state: TestSmtpServer = {
    port: 0,
    received: [],
    recipientsTried: [],
    replyToRecipient: () => null,
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      state.recipientsTried.push(address.address);
      const code = state.replyToRecipient(address.address);
      callback(code === null ? null : smtpReply(code));
    },
    onData(stream, _session, callback) {
      if (options.discard) {
        stream.on('end', () => callback());
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        state.received.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  state.port = typeof address === 'object' && address ? address.port : 0;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
