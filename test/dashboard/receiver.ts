// A webhook receiver for the browser test: verifies every request's Standard Webhooks signature with the
// endpoint's secret and says so in its response body, which the dashboard then shows per attempt.
import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface Receiver {
  url: string;
  received: { id: string; verified: boolean }[];
  setSecret(secret: string): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  let verifier: Webhook | null = null;
  const received: Receiver['received'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = false;
      try {
        verifier?.verify(body, req.headers as Record<string, string>);
        verified = verifier !== null;
      } catch {
        verified = false;
      }
      received.push({ id: String(req.headers['webhook-id']), verified });
      res.writeHead(verified ? 200 : 400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ signature: verified ? 'verified' : 'invalid' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    setSecret(secret) {
      verifier = new Webhook(secret);
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
