// Outbound HTTP for runtimes: undici's request API on one keep-alive agent (several times cheaper per call than
// global fetch, which matters when thousands of bots launch in the same second). Redirects are not followed.
import { Agent, request } from 'undici';

const agent = new Agent({ keepAliveTimeout: 30_000, connections: 256, pipelining: 1 });

export interface HttpAnswer {
  status: number;
  text: string;
}

export async function httpCall(url: string, opts: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number }): Promise<HttpAnswer> {
  const res = await request(url, {
    method: opts.method as 'POST',
    headers: opts.headers,
    body: opts.body,
    dispatcher: agent,
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
  });
  const text = await res.body.text();
  return { status: res.statusCode, text };
}
