// Oversized bodies are refused before they are read (issue part 3), over a real socket: a request announcing a
// huge Content-Length and sending only a few bytes gets its 413 at once, and a chunked body that never ends is
// cut off soon after it passes the limit, on every body parser the app has.
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createWorkspace, type TestContext } from '../../helpers/context.js';

const LIMIT = 64 * 1024;

interface RawResponse {
  status: number;
  head: string;
  body: string;
  /** Bytes of request body the client had written when the response arrived. */
  sentWhenAnswered: number;
}

/** Writes `head`, then `first` and (if `feed`) keeps writing chunks until the server answers. */
function rawRequest(port: number, head: string, first: string, feed?: () => string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    let sent = 0;
    let answered = -1;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearInterval(timer);
      socket.destroy();
      const m = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (!m) return reject(new Error(`no HTTP response: ${JSON.stringify(received.slice(0, 200))}`));
      const split = received.indexOf('\r\n\r\n');
      resolve({ status: Number(m[1]), head: received.slice(0, split), body: received.slice(split + 4), sentWhenAnswered: answered });
    };
    socket.on('data', (d) => {
      if (answered < 0) answered = sent;
      received += d.toString('latin1');
      // One response is all we wait for; the body is small JSON.
      if (/\r\n\r\n[\s\S]*\}\s*$/.test(received) || /\r\n\r\n0\r\n\r\n$/.test(received)) finish();
    });
    socket.on('error', () => (received ? finish() : reject(new Error('socket error before any response'))));
    socket.on('close', () => (received ? finish() : undefined));
    socket.on('connect', () => {
      socket.write(head);
      socket.write(first);
      sent += first.length;
      if (feed) {
        timer = setInterval(() => {
          if (answered >= 0 || socket.destroyed) return clearInterval(timer);
          const chunk = feed();
          sent += chunk.length;
          socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
        }, 2);
      }
    });
    setTimeout(() => reject(new Error(`no answer within 15 s (sent ${sent} bytes)`)), 15_000).unref();
  });
}

describe('oversized bodies', () => {
  let ctx: TestContext;
  let port: number;
  let auth: string;

  beforeAll(async () => {
    ctx = await createTestContext({ BODY_LIMIT_BYTES: String(LIMIT), RATE_LIMIT_ENABLED: 'false' });
    auth = (await createWorkspace(ctx.deps)).auth;
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    port = (ctx.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => ctx?.close());

  // One route per body parser: JSON, form-urlencoded, no content type, the provider-notification scope's
  // text/plain parser, the runtime-callback scope's own parser.
  const cases = [
    { name: 'JSON', path: '/api/v2/calendars/', type: 'application/json', authed: true },
    { name: 'form', path: '/api/v1/calendar/ms_oauth_callback/', type: 'application/x-www-form-urlencoded', authed: false },
    { name: 'no content type', path: '/api/v2/webhook-endpoints/', type: null, authed: true },
    { name: 'text/plain (Graph)', path: '/provider-notifications/microsoft/', type: 'text/plain', authed: false },
    { name: 'runtime callback', path: '/api/v1/runtime-callbacks/http/', type: 'application/json', authed: false },
  ];

  it.each(cases)('$name: a huge Content-Length is answered 413 without waiting for the body', async (c) => {
    const head = [`POST ${c.path} HTTP/1.1`, 'Host: rollcall.test', c.authed ? `Authorization: ${auth}` : '', c.type ? `Content-Type: ${c.type}` : '', 'Content-Length: 10737418240', '', ''].filter((l, i, a) => l !== '' || i >= a.length - 2).join('\r\n');
    const res = await rawRequest(port, head, '{"a":');
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ detail: 'Request body is too large.', code: 'payload_too_large' });
  });

  it.each(cases)('$name: an endless chunked body is cut off soon after the limit', async (c) => {
    const head = [`POST ${c.path} HTTP/1.1`, 'Host: rollcall.test', c.authed ? `Authorization: ${auth}` : '', c.type ? `Content-Type: ${c.type}` : '', 'Transfer-Encoding: chunked', '', ''].filter((l, i, a) => l !== '' || i >= a.length - 2).join('\r\n');
    const res = await rawRequest(port, head, '5\r\n{"a":\r\n', () => 'x'.repeat(4096));
    expect(res.status).toBe(413);
    expect(res.head).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(res.body.replace(/^[0-9a-f]+\r\n|\r\n0\r\n\r\n$/g, ''))).toMatchObject({ code: 'payload_too_large' });
    // The server stopped reading shortly after the limit (socket buffers allow some slack), not at the end.
    expect(res.sentWhenAnswered).toBeLessThan(LIMIT * 64);
  });

  it('an unauthenticated huge upload is refused with 401 before any body is read', async () => {
    const head = ['POST /api/v2/calendars/ HTTP/1.1', 'Host: rollcall.test', 'Content-Type: application/json', 'Content-Length: 10737418240', '', ''].join('\r\n');
    const res = await rawRequest(port, head, '{');
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'not_authenticated' });
  });
});
