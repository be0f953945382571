/**
 * Runs `task` once the frame is idle: after the current task (so after a
 * `ready` posted in it), when the browser has time, and within `timeoutMs`
 * however busy the page is. Engines without `requestIdleCallback` (WebKit)
 * run it on the next task.
 */
export function whenIdle(task: () => void, timeoutMs = 500): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => task(), { timeout: timeoutMs });
  else setTimeout(task, 0);
}
