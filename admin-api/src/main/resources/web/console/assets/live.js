// Status changes without a reload: a page polls what it shows every few seconds while it is
// visible, and stops when it is replaced.

let current = [];

/** Calls fn now and then every {@code ms} while the page is visible; stopped by stopAll(). */
export function every(ms, fn) {
  let timer = null;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    if (!document.hidden) {
      try { await fn(); } catch (e) { console.warn('refresh failed', e); }
    }
    if (!stopped) timer = setTimeout(tick, ms);
  };
  tick();
  const stop = () => { stopped = true; clearTimeout(timer); };
  current.push(stop);
  return stop;
}

/** Stops every refresh of the page being left. */
export function stopAll() {
  current.forEach((s) => s());
  current = [];
}

/** How often the pages refresh, in milliseconds. */
export const REFRESH_MS = 3000;

/** How often a page following a composition's progress refreshes, in milliseconds. */
export const PROGRESS_MS = 1000;
