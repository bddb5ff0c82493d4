import { useMutation } from '@tanstack/react-query';
import { newId } from '../../domain/newId';
import type { ParsedWebServiceTestRequest } from '../../domain/webservice/webServiceTestApi';
import { testHistoryLimit, type TestRun } from '../../domain/webservice/testBenchRecords';
import type { RunningTest, TestBenchStore } from '../../store/createTestBenchStore';
import { requestWebServiceTest } from './requestWebServiceTest';

export interface TestRunInput {
  flowId: string;
  nodeId: string;
  request: ParsedWebServiceTestRequest;
  expectedVariables: string[];
}

/**
 * Sends one test through the app's server and puts it at the top of the node's history (also
 * when the author has moved on to another node meanwhile). The call itself is a mutation; that
 * it runs, how to cancel it and how it failed live in the test-bench store, so the panel of a
 * node left and selected again still shows them. Returns `start`, which ignores a second call
 * for a node that has one under way.
 */
export function useWebServiceTestRun(store: TestBenchStore) {
  const mutation = useMutation({
    mutationFn: async ({
      flowId,
      nodeId,
      request,
      expectedVariables,
      running,
    }: TestRunInput & { running: RunningTest }) => {
      try {
        const result = await requestWebServiceTest(request, running.signal);
        const run: TestRun = {
          id: newId('run'),
          startedAt: running.submittedAt,
          request,
          expectedVariables,
          result,
        };
        store.getState().changeBench(flowId, nodeId, (bench) => ({
          ...bench,
          history: [run, ...bench.history].slice(0, testHistoryLimit),
        }));
        return run;
      } catch (error) {
        store
          .getState()
          .runFailed(
            flowId,
            nodeId,
            running,
            running.signal.aborted
              ? { kind: 'cancelled' }
              : { kind: 'failed', message: error instanceof Error ? error.message : String(error) },
          );
        throw error;
      } finally {
        store.getState().runEnded(flowId, nodeId, running);
      }
    },
  });

  return (input: TestRunInput, onSettled?: () => void) => {
    const abort = new AbortController();
    const running: RunningTest = {
      submittedAt: Date.now(),
      timeoutMs: input.request.timeoutMs,
      signal: abort.signal,
      cancel: () => abort.abort(),
    };
    if (!store.getState().runStarted(input.flowId, input.nodeId, running)) return;
    mutation.mutate({ ...input, running }, { onSettled });
  };
}
