/**
 * Deploying the frame: header rules for the servers and hosts it runs on
 * (all from `frameSecurityHeaders`), its script inventory, and a check of a
 * deployed frame against both. The `cardframe-frame` command runs these.
 */
export { frameResponseRules, ASSETS_PREFIX, type FrameResponseRules } from './response-rules.ts';
export { DEPLOY_TARGETS, TARGET_FILES, renderTarget, type DeployTarget, type TargetOptions } from './targets/index.ts';
export { buildInventory, parseInventory, sri, INVENTORY_FILE, type ScriptInventory, type InventoryEntry, type InventoryKind } from './inventory.ts';
export { pinEntry } from './pin-entry.ts';
export { configBlockJson, inlineFrameConfig } from './inline-config.ts';
export { configDigest } from '../load-config.ts';
export { checkDeployment, formatDifferences, type Difference, type CheckOptions } from './check.ts';
