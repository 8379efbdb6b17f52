// Where the encryption key comes from: the configuration, or in embedded mode a key generated on first start and
// kept in the data directory (mode 600) so a restart can still read what it wrote.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/load.js';
import { SecretBox } from './secret-box.js';

export async function loadSecretBox(config: Config): Promise<SecretBox> {
  if (config.ROLLCALL_ENCRYPTION_KEY) return new SecretBox(config.ROLLCALL_ENCRYPTION_KEY);
  const file = path.join(path.resolve(config.ROLLCALL_DATA_DIR), 'encryption.key');
  if (!existsSync(file)) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, SecretBox.generateKey() + '\n', { mode: 0o600, flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err; // another process wrote it first
    });
  }
  return new SecretBox((await readFile(file, 'utf8')).trim());
}
