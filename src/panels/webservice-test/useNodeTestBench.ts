import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { useStore } from 'zustand';
import type { TestBenchRepository } from '../../persistence/testBenchRepository';
import type { TestBench } from '../../domain/webservice/testBenchRecords';
import { entryOf, testBenchKey, type TestBenchStore } from '../../store/createTestBenchStore';

/**
 * A WebService node's test values and history: read from the browser's storage the first time
 * the node is tested in this session, then live in the test-bench store.
 */
export function useNodeTestBench(
  store: TestBenchStore,
  repository: TestBenchRepository,
  flowId: string,
  nodeId: string,
) {
  const bench: TestBench | undefined = useStore(store, (state) =>
    entryOf(state.benches, testBenchKey(flowId, nodeId)),
  );
  const stored = useQuery({
    queryKey: ['test-bench', flowId, nodeId],
    queryFn: () => repository.load(flowId, nodeId),
    staleTime: Infinity,
    gcTime: 0,
    enabled: bench === undefined,
  });
  useEffect(() => {
    if (stored.data) store.getState().benchLoaded(stored.data.bench);
  }, [stored.data, store]);
  const saveError = useStore(store, (state) => state.saveError);
  const replacedNotice = useStore(store, (state) =>
    entryOf(state.replacedNotices, testBenchKey(flowId, nodeId)),
  );
  const update = useCallback(
    (change: (current: TestBench) => TestBench) =>
      store.getState().changeBench(flowId, nodeId, change),
    [store, flowId, nodeId],
  );
  return {
    bench,
    loadError: stored.error,
    readProblem: stored.data?.readProblem ?? null,
    update,
    saveError,
    replacedNotice,
  };
}
