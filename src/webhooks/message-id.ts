// Message ids as Standard Webhooks receivers expect them: `msg_` + 27 alphanumerics (about 160 random bits).
import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function newMessageId(): string {
  let out = 'msg_';
  for (let i = 0; i < 27; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export function isMessageId(s: string): boolean {
  return /^msg_[0-9A-Za-z]{27}$/.test(s);
}
