import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';

/** The inventory's file name, written beside the built frame (`dist/`). */
export const INVENTORY_FILE = 'cardframe.inventory.json';

/** What kind of resource a file is to the browser. */
export type InventoryKind = 'html' | 'script' | 'style' | 'font' | 'other';

export interface InventoryEntry {
  /** Its path on the frame origin (`/assets/main-abc123.js`). */
  readonly path: string;
  readonly kind: InventoryKind;
  /** SRI form: `sha384-<base64>`. */
  readonly integrity: string;
  readonly bytes: number;
}

/**
 * Every file the built frame can load (the HTML, initial and lazy chunks,
 * styles, fonts) with its SHA-384: PCI DSS 6.4.3's script inventory, and what
 * `cardframe-frame check` compares a deployment with (11.6.1).
 */
export interface ScriptInventory {
  readonly version: 1;
  readonly files: readonly InventoryEntry[];
}

const KINDS: Record<string, InventoryKind> = {
  '.html': 'html',
  '.js': 'script',
  '.mjs': 'script',
  '.css': 'style',
  '.woff2': 'font',
  '.woff': 'font',
  '.ttf': 'font',
  '.otf': 'font',
};

/** The SRI string for some bytes. */
export function sri(bytes: Uint8Array): string {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]))));
  return nested.flat();
}

/**
 * The inventory of a built frame. The deployment config and the inventory
 * itself are left out: the config differs per deployment (`check` compares it
 * on its own), and the inventory is not loaded by the frame. So is `lib/`:
 * in the published package it holds this package's Node modules, which no
 * page loads and which need not be deployed.
 */
export async function buildInventory(distDir: string): Promise<ScriptInventory> {
  const skipped = new Set([INVENTORY_FILE, 'cardframe.config.json']);
  const paths = (await walk(distDir)).filter((file) => {
    const path = relative(distDir, file).split(sep);
    return path[0] !== 'lib' && !(path.length === 1 && skipped.has(path[0]!));
  });
  const files = await Promise.all(
    paths.sort().map(async (file): Promise<InventoryEntry> => {
      const bytes = await readFile(file);
      return { path: `/${relative(distDir, file).split(sep).join('/')}`, kind: KINDS[extname(file)] ?? 'other', integrity: sri(bytes), bytes: bytes.length };
    }),
  );
  return { version: 1, files };
}

/** Reads and checks an inventory file's shape. */
export function parseInventory(text: string): ScriptInventory {
  const value = JSON.parse(text) as unknown;
  const files = (value as { files?: unknown }).files;
  const valid =
    (value as { version?: unknown }).version === 1 &&
    Array.isArray(files) &&
    files.every((f: Partial<InventoryEntry>) => typeof f.path === 'string' && f.path.startsWith('/') && typeof f.integrity === 'string' && /^sha384-[A-Za-z0-9+/]{64}$/.test(f.integrity));
  if (!valid) throw new Error(`not a cardframe inventory (version 1, files with path and sha384 integrity)`);
  return value as ScriptInventory;
}
