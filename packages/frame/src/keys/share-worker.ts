// The key-set coordinator's SharedWorker script, built as its own small file
// and served from the frame origin: every frame of this origin on a page
// connects to the one instance.
import { KeySetCoordinator } from './key-set-coordinator.ts';

const coordinator = new KeySetCoordinator();

globalThis.addEventListener('connect', (event) => {
  for (const port of (event as MessageEvent).ports) coordinator.connect(port);
});
