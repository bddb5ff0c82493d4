import { useMutation } from '@tanstack/react-query';
import { useRef } from 'react';
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
 * when the author has moved on to another node meanwhile); `cancel` aborts it.
 */
export function useWebServiceTestRun(store: TestBenchStore) {
  const controller = useRef<AbortController | null>(null);
  const mutation = useMutation({
    mutationFn: async ({ flowId, nodeId, request, expectedVariables }: TestRunInput) => {
      const abort = new AbortController();
      controller.current = abort;
      const startedAt = Date.now();
      const result = await requestWebServiceTest(request, abort.signal);
      const run: TestRun = { id: newId('run'), startedAt, request, expectedVariables, result };
      store.getState().changeBench(flowId, nodeId, (bench) => ({
        ...bench,
        history: [run, ...bench.history].slice(0, testHistoryLimit),
      }));
      return run;
    },
  });
  return { mutation, cancel: () => controller.current?.abort() };
}

export function isCancellation(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
