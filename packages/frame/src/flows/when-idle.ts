/**
 * Runs `task` once the frame is idle: after the current task (so after a
 * `ready` posted in it), when the browser has time. Engines without
 * `requestIdleCallback` (WebKit) run it on the next task.
 */
export function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => task());
  else setTimeout(task, 0);
}
