import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RotatingKeyRing, RotatingPgpKeyRing, generatePgpReplySigningKey, importPgpReplySigningKey, type KeyPurpose, type PgpReplySigningKey, type RotatingKeyJson, type RotatingPgpKeyJson } from '@cardframe/issuer';

interface StoredKeys {
  readonly version: 1;
  readonly session: { readonly purpose: KeyPurpose; readonly keys: readonly RotatingKeyJson[] };
  readonly pin: { readonly purpose: KeyPurpose; readonly keys: readonly RotatingKeyJson[] };
  /** OpenPGP PIN keys, for card programmes whose issuer speaks OpenPGP (absent in older files). */
  readonly pgp?: { readonly keys: readonly RotatingPgpKeyJson[] };
  /** Keys that sign key-pair replies (absent in older files). */
  readonly replySigning?: { readonly keys: readonly RotatingKeyJson[] };
  /** The OpenPGP key that signs OpenPGP programmes' key-pair replies, armored (absent in older files). */
  readonly pgpReplySigning?: { readonly armoredPrivateKey: string };
}

export interface IssuerKeys {
  readonly session: RotatingKeyRing;
  readonly pin: RotatingKeyRing;
  readonly pgp: RotatingPgpKeyRing;
  readonly replySigning: RotatingKeyRing;
  /** One OpenPGP key, not rotated: frames pin its public half in their config. */
  readonly pgpReplySigning: PgpReplySigningKey;
  /** Writes every ring (no-op without a data folder). */
  save(): Promise<void>;
}

const FILE = 'issuer-keys.json';
const REPLY_SIGNING: KeyPurpose = { use: 'reply-signing' };

function samePurpose(a: KeyPurpose, b: KeyPurpose): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The sandbox issuer's keys, kept in one JSON file under the demo's data
 * folder (created on first run, mode 0600, replaced atomically), so a
 * restart keeps every key and stage. A ring whose purpose changed (say the
 * PIN key type) starts afresh.
 */
export async function loadIssuerKeys(dataDir: string | undefined, purposes: { session: KeyPurpose; pin: KeyPurpose }): Promise<IssuerKeys> {
  let stored: StoredKeys | undefined;
  if (dataDir) {
    try {
      stored = JSON.parse(await readFile(join(dataDir, FILE), 'utf8')) as StoredKeys;
    } catch {
      stored = undefined;
    }
  }
  const ring = (which: 'session' | 'pin'): RotatingKeyRing => {
    const saved = stored?.[which];
    if (saved && samePurpose(saved.purpose, purposes[which])) {
      try {
        return RotatingKeyRing.fromJSON(purposes[which], saved.keys);
      } catch {
        // A damaged store is replaced rather than trusted.
      }
    }
    return RotatingKeyRing.create(purposes[which]);
  };
  let replySigning: RotatingKeyRing | undefined;
  try {
    if (stored?.replySigning) replySigning = RotatingKeyRing.fromJSON(REPLY_SIGNING, stored.replySigning.keys);
  } catch {
    // A damaged store is replaced rather than trusted.
  }
  let pgp: RotatingPgpKeyRing | undefined;
  if (stored?.pgp) pgp = await RotatingPgpKeyRing.fromJSON(stored.pgp.keys).catch(() => undefined);
  let pgpReplySigning: PgpReplySigningKey | undefined;
  if (stored?.pgpReplySigning) pgpReplySigning = await importPgpReplySigningKey(stored.pgpReplySigning.armoredPrivateKey).catch(() => undefined);
  const keys: IssuerKeys = {
    session: ring('session'),
    pin: ring('pin'),
    pgp: pgp ?? (await RotatingPgpKeyRing.create()),
    replySigning: replySigning ?? RotatingKeyRing.create(REPLY_SIGNING),
    pgpReplySigning: pgpReplySigning ?? (await generatePgpReplySigningKey()),
    async save() {
      if (!dataDir) return;
      const data: StoredKeys = {
        version: 1,
        session: { purpose: purposes.session, keys: keys.session.toJSON() },
        pin: { purpose: purposes.pin, keys: keys.pin.toJSON() },
        pgp: { keys: keys.pgp.toJSON() },
        replySigning: { keys: keys.replySigning.toJSON() },
        pgpReplySigning: { armoredPrivateKey: keys.pgpReplySigning.privateKey.armor() },
      };
      await mkdir(dataDir, { recursive: true });
      const temporary = join(dataDir, `${FILE}.${process.pid}.tmp`);
      await writeFile(temporary, JSON.stringify(data, null, 2), { mode: 0o600 });
      await rename(temporary, join(dataDir, FILE));
    },
  };
  await keys.save();
  return keys;
}
