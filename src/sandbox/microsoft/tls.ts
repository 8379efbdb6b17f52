// The HTTPS listener's certificate: self-signed (it is its own CA, so clients trust exactly this PEM),
// valid for localhost and the loopback addresses, made on first start and kept next to the state file.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  cert: string;
  key: string;
}

function paths(stateFile: string): { cert: string; key: string } {
  const base = join(dirname(stateFile), basename(stateFile, extname(stateFile)));
  return { cert: `${base}.microsoft-ca.pem`, key: `${base}.microsoft-key.pem` };
}

export async function loadOrCreateTls(stateFile: string | undefined, host: string): Promise<TlsMaterial> {
  const p = stateFile ? paths(stateFile) : null;
  if (p) {
    try {
      return { cert: await readFile(p.cert, 'utf8'), key: await readFile(p.key, 'utf8') };
    } catch {
      /* first start: create below */
    }
  }
  const now = Date.now();
  const ips = new Set(['127.0.0.1', '::1']);
  if (/^[\d.]+$|:/.test(host) && host !== '0.0.0.0' && host !== '::') ips.add(host);
  const pems = await generate([{ name: 'commonName', value: 'rollcall Microsoft emulator' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 86_400_000),
    notAfterDate: new Date(now + 10 * 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          ...(/^[\d.]+$|:/.test(host) || host === 'localhost' ? [] : [{ type: 2 as const, value: host }]),
          ...[...ips].map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  const tls = { cert: pems.cert, key: pems.private };
  if (p) {
    await mkdir(dirname(p.cert), { recursive: true });
    await writeFile(p.cert, tls.cert);
    await writeFile(p.key, tls.key, { mode: 0o600 });
  }
  return tls;
}
