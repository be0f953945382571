import type { FrameResponseRules } from '../response-rules.ts';
import { caddyfile } from './caddy.ts';
import { cloudFrontPolicy } from './cloudfront.ts';
import { headersFile } from './headers-file.ts';
import { nginxConf } from './nginx.ts';
import { vercelJson } from './vercel.ts';

/** The places the frame's header rules can be written for. */
export const DEPLOY_TARGETS = ['nginx', 'caddy', 'netlify', 'cloudflare', 'vercel', 'cloudfront'] as const;
export type DeployTarget = (typeof DEPLOY_TARGETS)[number];

export interface TargetOptions {
  /** nginx `listen` / Caddy site address. */
  readonly listen?: string;
  /** nginx / Caddy document root. */
  readonly root?: string;
}

/** The file each target reads, by its conventional name. */
export const TARGET_FILES: Record<DeployTarget, string> = {
  nginx: 'nginx.conf',
  caddy: 'Caddyfile',
  netlify: '_headers',
  cloudflare: '_headers',
  vercel: 'vercel.json',
  cloudfront: 'cloudfront-response-headers-policy.json',
};

/** The header rules for one target, as the text of its file. */
export function renderTarget(target: DeployTarget, rules: FrameResponseRules, options: TargetOptions = {}): string {
  const where = { ...(options.root ? { root: options.root } : {}) };
  switch (target) {
    case 'nginx':
      return nginxConf(rules, { ...where, ...(options.listen ? { listen: options.listen } : {}) });
    case 'caddy':
      return caddyfile(rules, { ...where, ...(options.listen ? { address: options.listen } : {}) });
    case 'netlify':
    case 'cloudflare':
      return headersFile(rules);
    case 'vercel':
      return vercelJson(rules);
    case 'cloudfront':
      return cloudFrontPolicy(rules);
  }
}
