// Live updates by short polling: reload every `intervalMs` while the tab is visible, and at once on demand.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  data: T | null;
  error: Error | null;
  reload(): void;
  /** Applies a change the page just made (e.g. a PUT's answer) without waiting for the next poll. */
  update(change: (data: T) => T): void;
}

export function usePoll<T>(load: () => Promise<T>, deps: unknown[], intervalMs = 2000): Polled<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const update = useCallback((change: (data: T) => T) => setData((d) => (d === null ? d : change(d))), []);

  useEffect(() => {
    setData(null);
    setError(null);
  }, deps);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      if (document.visibilityState !== 'hidden') {
        try {
          const v = await loadRef.current();
          if (live) {
            setData(v);
            setError(null);
          }
        } catch (err) {
          if (live) setError(err as Error);
        }
      }
      if (live) timer = setTimeout(run, intervalMs);
    };
    void run();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [...deps, tick, intervalMs]);

  return { data, error, reload, update };
}
