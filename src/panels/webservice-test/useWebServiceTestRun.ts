import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { newId } from '../../domain/newId';
import type { ParsedWebServiceTestRequest } from '../../domain/webservice/webServiceTestApi';
import {
  testHistoryLimit,
  type TestBenchRepository,
  type TestRun,
} from '../../persistence/testBenchRepository';
import { requestWebServiceTest } from './requestWebServiceTest';
import { changeTestBench } from './useNodeTestBench';

export interface TestRunInput {
  flowId: string;
  nodeId: string;
  request: ParsedWebServiceTestRequest;
  expectedVariables: string[];
}

export interface FinishedTestRun {
  run: TestRun;
  /** Set when the run could not be added to the kept history. */
  historyError: string | null;
}

/** Sends one test through the app's server, keeps it in the node's history; `cancel` aborts it. */
export function useWebServiceTestRun(repository: TestBenchRepository) {
  const queryClient = useQueryClient();
  const controller = useRef<AbortController | null>(null);
  const mutation = useMutation({
    mutationFn: async ({
      flowId,
      nodeId,
      request,
      expectedVariables,
    }: TestRunInput): Promise<FinishedTestRun> => {
      const abort = new AbortController();
      controller.current = abort;
      const startedAt = Date.now();
      const result = await requestWebServiceTest(request, abort.signal);
      const run: TestRun = { id: newId('run'), startedAt, request, expectedVariables, result };
      try {
        await changeTestBench(queryClient, repository, flowId, nodeId, (bench) => ({
          ...bench,
          history: [run, ...bench.history].slice(0, testHistoryLimit),
        }));
        return { run, historyError: null };
      } catch (error) {
        return { run, historyError: error instanceof Error ? error.message : String(error) };
      }
    },
  });
  return { mutation, cancel: () => controller.current?.abort() };
}

export function isCancellation(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
