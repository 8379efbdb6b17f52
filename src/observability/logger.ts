// One structured logger. Secrets are redacted by key name wherever they appear in a logged object, so a
// careless `log.info({ calendar })` cannot leak a refresh token.
import { pino, type Logger } from 'pino';

export const REDACTED_KEYS = [
  'authorization',
  'Authorization',
  'x-recallcalendarauthtoken',
  'cookie',
  'oauth_refresh_token',
  'oauth_client_secret',
  'refresh_token',
  'access_token',
  'client_secret',
  'clientSecret',
  'refreshToken',
  'accessToken',
  'token',
  'secret',
  'password',
  'api_key',
  'apiKey',
  'signing_secret',
];

export function createLogger(opts: { level: string; name?: string; destination?: NodeJS.WritableStream; pretty?: boolean }): Logger {
  const pretty = opts.pretty ?? (opts.destination === undefined && process.stdout.isTTY === true);
  const redact = {
    paths: [...REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]), 'req.headers.authorization', 'req.headers["x-recallcalendarauthtoken"]'],
    censor: '[redacted]',
  };
  if (pretty) {
    return pino({ level: opts.level, name: opts.name, redact, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return pino({ level: opts.level, name: opts.name, redact }, (opts.destination as pino.DestinationStream | undefined) ?? pino.destination(1));
}

export type { Logger };
