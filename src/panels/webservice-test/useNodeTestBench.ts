import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { TestBench, TestBenchRepository } from '../../persistence/testBenchRepository';

export function testBenchQueryKey(flowId: string, nodeId: string) {
  return ['test-bench', flowId, nodeId] as const;
}

/**
 * Changes a node's test bench: at once in the query cache (so a controlled input keeps its
 * cursor), then in the browser's storage. Works for a node whose panel is closed, too.
 */
export async function changeTestBench(
  queryClient: QueryClient,
  repository: TestBenchRepository,
  flowId: string,
  nodeId: string,
  change: (current: TestBench) => TestBench,
): Promise<void> {
  const queryKey = testBenchQueryKey(flowId, nodeId);
  const current =
    queryClient.getQueryData<TestBench>(queryKey) ?? (await repository.load(flowId, nodeId));
  const next = change(current);
  queryClient.setQueryData(queryKey, next);
  await repository.save(next);
}

/**
 * A WebService node's test values and history, read from the browser's storage once and written
 * back on every change. The query cache is the one copy the panel renders from.
 */
export function useNodeTestBench(repository: TestBenchRepository, flowId: string, nodeId: string) {
  const queryClient = useQueryClient();
  const bench = useQuery({
    queryKey: testBenchQueryKey(flowId, nodeId),
    queryFn: () => repository.load(flowId, nodeId),
    staleTime: Infinity,
  });
  const save = useMutation({ mutationFn: (next: TestBench) => repository.save(next) });
  const update = (change: (current: TestBench) => TestBench) => {
    const queryKey = testBenchQueryKey(flowId, nodeId);
    const current = queryClient.getQueryData<TestBench>(queryKey);
    if (!current) return;
    const next = change(current);
    queryClient.setQueryData(queryKey, next);
    save.mutate(next);
  };
  return { bench, update, saveError: save.error };
}
