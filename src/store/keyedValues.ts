import { useCallback, useSyncExternalStore } from 'react';

/**
 * Values by key (a node id) that readers subscribe to one key at a time: a change notifies
 * only the readers of the keys that changed, so thousands of canvas nodes cost nothing when
 * one of them changes. The shape a per-node flag (a chat preview's current step) should take.
 */
export interface KeyedValues<T> {
  read: (key: string) => T;
  subscribe: (key: string, listener: () => void) => () => void;
}

/** Listeners by key, for a `KeyedValues` implementation to notify after it changed some keys. */
export function createKeyedListeners() {
  const listenersByKey = new Map<string, Set<() => void>>();
  return {
    subscribe(key: string, listener: () => void): () => void {
      let listeners = listenersByKey.get(key);
      if (!listeners) {
        listeners = new Set();
        listenersByKey.set(key, listeners);
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) listenersByKey.delete(key);
      };
    },
    notify(keys: Iterable<string>) {
      for (const key of keys) {
        for (const listener of listenersByKey.get(key) ?? []) listener();
      }
    },
  };
}

/** The value of one key, re-rendering only when that key's value changes. */
export function useKeyedValue<T>(values: KeyedValues<T>, key: string): T {
  const subscribe = useCallback(
    (listener: () => void) => values.subscribe(key, listener),
    [values, key],
  );
  const read = useCallback(() => values.read(key), [values, key]);
  return useSyncExternalStore(subscribe, read, read);
}
