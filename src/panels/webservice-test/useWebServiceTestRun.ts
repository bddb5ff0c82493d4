import { useMutation } from '@tanstack/react-query';
import { newId } from '../../domain/newId';
import type { ParsedWebServiceTestRequest } from '../../domain/webservice/webServiceTestApi';
import { testHistoryLimit, type TestRun } from '../../persistence/testBenchRepository';
import type { TestBenchStore } from '../../store/createTestBenchStore';
import { requestWebServiceTest } from './requestWebServiceTest';

export interface TestRunInput {
  flowId: string;
  nodeId: string;
  request: ParsedWebServiceTestRequest;
  expectedVariables: string[];
}

/**
 * Sends one test through the app's server and puts it at the top of the node's history (also
 * when the author has moved on to another node meanwhile). While it runs, the test-bench store
 * lists it, with the way to cancel it.
 */
export function useWebServiceTestRun(store: TestBenchStore) {
  return useMutation({
    mutationFn: async ({ flowId, nodeId, request, expectedVariables }: TestRunInput) => {
      const abort = new AbortController();
      const running = { submittedAt: Date.now(), cancel: () => abort.abort() };
      store.getState().runStarted(flowId, nodeId, running);
      try {
        const result = await requestWebServiceTest(request, abort.signal);
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
      } finally {
        store.getState().runEnded(flowId, nodeId, running);
      }
    },
  });
}

export function isCancellation(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
