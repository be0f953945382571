#!/usr/bin/env node
// cardframe-frame: header rules for where the frame is hosted, its script
// inventory, and a check of a deployed frame against both. See docs/deploy.md.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseFrameConfig, type FrameConfig } from '../config.ts';
import { checkDeployment, formatDifferences } from './check.ts';
import { inlineFrameConfig } from './inline-config.ts';
import { buildInventory, INVENTORY_FILE, parseInventory } from './inventory.ts';
import { frameResponseRules } from './response-rules.ts';
import { DEPLOY_TARGETS, renderTarget, type DeployTarget } from './targets/index.ts';

const USAGE = `usage:
  cardframe-frame headers --target ${DEPLOY_TARGETS.join('|')} [--config cardframe.config.json] [--out FILE] [--listen ADDR] [--root DIR]
  cardframe-frame inventory [--dist dist] [--out dist/${INVENTORY_FILE}]
  cardframe-frame inline-config [--config cardframe.config.json] [--dist dist]
  cardframe-frame check <frame-url> [--config cardframe.config.json] [--inventory dist/${INVENTORY_FILE}]`;

async function readConfig(path: string): Promise<FrameConfig> {
  return parseFrameConfig(JSON.parse(await readFile(path, 'utf8')));
}

async function output(text: string, out: string | undefined): Promise<void> {
  if (out) await writeFile(out, text);
  else process.stdout.write(text);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      target: { type: 'string' },
      config: { type: 'string', default: 'cardframe.config.json' },
      dist: { type: 'string', default: 'dist' },
      inventory: { type: 'string' },
      out: { type: 'string' },
      listen: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  switch (command) {
    case 'headers': {
      const target = values.target as DeployTarget | undefined;
      if (!target || !DEPLOY_TARGETS.includes(target)) throw new UsageError(`--target must be one of ${DEPLOY_TARGETS.join(', ')}`);
      const rules = frameResponseRules(await readConfig(values.config));
      await output(renderTarget(target, rules, { ...(values.listen ? { listen: values.listen } : {}), ...(values.root ? { root: values.root } : {}) }), values.out);
      return 0;
    }
    case 'inventory': {
      const inventory = await buildInventory(values.dist);
      await writeFile(values.out ?? join(values.dist, INVENTORY_FILE), `${JSON.stringify(inventory, null, 2)}\n`);
      console.log(`${inventory.files.length} files inventoried`);
      return 0;
    }
    case 'inline-config': {
      // The config goes into the HTML, so the HTML's SHA-384 changes: the inventory is written again with it.
      const config = await readConfig(values.config);
      const html = join(values.dist, 'index.html');
      await writeFile(html, await inlineFrameConfig(await readFile(html, 'utf8'), config));
      const inventory = await buildInventory(values.dist);
      await writeFile(join(values.dist, INVENTORY_FILE), `${JSON.stringify(inventory, null, 2)}\n`);
      console.log(`${values.config} written into ${html}; ${inventory.files.length} files inventoried`);
      return 0;
    }
    case 'check': {
      const url = rest[0];
      if (!url) throw new UsageError('check needs the frame URL');
      const config = await readConfig(values.config);
      const inventory = parseInventory(await readFile(values.inventory ?? join(values.dist, INVENTORY_FILE), 'utf8'));
      const differences = await checkDeployment(url, { config, inventory });
      (differences.length ? console.error : console.log)(formatDifferences(url, differences));
      return differences.length ? 1 : 0;
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`cardframe-frame: ${(error as Error).message}`);
    if (error instanceof UsageError) console.error(USAGE);
    process.exit(2);
  },
);
