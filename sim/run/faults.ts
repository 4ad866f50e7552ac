/**
 * A test seam: fault injection for the crash-isolation tests. SMESIM_FAULTS="runId=kind,runId=kind" makes
 * a worker misbehave on those runs (kind: throw, exit, crash, oom). It lives in the production worker on
 * purpose: the tests must crash the very worker file users run, not a stand-in. Unset (always, outside the
 * tests) it costs one environment look-up per run and changes nothing.
 */

/** The fault to inject for a run, if any. */
export function faultFor(runId: string, env = process.env.SMESIM_FAULTS): string | undefined {
  if (!env) return undefined;
  for (const item of env.split(',')) {
    const at = item.lastIndexOf('=');
    if (item.slice(0, at) === runId) return item.slice(at + 1);
  }
  return undefined;
}

/** Misbehave as asked: throw, exit the thread, crash it (returns a promise that never settles), or exhaust its heap. */
export function injectFault(kind: string): Promise<never> | undefined {
  switch (kind) {
    case 'throw':
      throw new Error('injected fault: throw');
    case 'exit':
      process.exit(3);
      break;
    case 'crash':
      // An uncaught error thrown asynchronously takes the worker down while its task is pending.
      return new Promise<never>(() => {
        setImmediate(() => {
          throw new Error('injected fault: crash');
        });
      });
    case 'oom': {
      const hog: number[][] = [];
      for (;;) hog.push(new Array(1_000_000).fill(Math.PI));
    }
  }
  return undefined;
}
