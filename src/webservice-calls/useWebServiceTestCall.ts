import {
  MutationObserver,
  useMutation,
  useMutationState,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { z } from 'zod';
import { newId } from '../domain/newId';
import { testHistoryLimit, type TestRun } from '../domain/webservice/testBenchRecords';
import type { ParsedWebServiceTestRequest } from '../domain/webservice/webServiceTestApi';
import type { TestBenchStore } from '../store/createTestBenchStore';
import { isCancelled, type WebServiceClient } from './createWebServiceClient';
import { useWebServiceClient } from './WebServiceClientContext';

export interface TestCallInput {
  request: ParsedWebServiceTestRequest;
  expectedVariables: string[];
}

/** A node's test call under way, as the panel shows it. */
export interface RunningTest {
  submittedAt: number;
  /** The deadline of this call, which the waiting bar fills towards. */
  timeoutMs: number;
  cancel: () => void;
}

export type TestFailure = { kind: 'cancelled' } | { kind: 'failed'; message: string };

function testCallKey(flowId: string, nodeId: string) {
  return ['webservice-test', flowId, nodeId];
}

/** One call per node at a time, so the node's key names its call for the client. */
function callIdOf(mutationKey: readonly unknown[]): string {
  return JSON.stringify(mutationKey);
}

/**
 * A WebService node's test call: sends it through the page's client and puts the run at the
 * top of the node's history (also when the author has moved on meanwhile). That a call runs and
 * how it failed live in TanStack Query's mutation cache, which outlives the panel, so a node
 * left and selected again still shows its call waiting and can cancel it.
 */
export function useWebServiceTestCall(benches: TestBenchStore, flowId: string, nodeId: string) {
  const client = useWebServiceClient();
  const queryClient = useQueryClient();
  // The same options while the node is the same: options that differ make TanStack Query tell
  // the mutation cache and every listener of it, on each render (each keystroke in the panel).
  const mutationKey = useMemo(() => testCallKey(flowId, nodeId), [flowId, nodeId]);
  const callId = callIdOf(mutationKey);
  const mutationFn = useCallback(
    (input: TestCallInput) => sendTestCall(input, { client, callId, benches, flowId, nodeId }),
    [client, callId, benches, flowId, nodeId],
  );
  const mutation = useMutation({ mutationKey, mutationFn });
  const latest = useMutationState({
    filters: { mutationKey, exact: true },
    select: (call) => ({
      status: call.state.status,
      submittedAt: call.state.submittedAt,
      timeoutMs: timeoutOf(call.state.variables),
      error: call.state.error,
    }),
  }).at(-1);

  const running: RunningTest | undefined =
    latest?.status === 'pending'
      ? {
          submittedAt: latest.submittedAt,
          timeoutMs: latest.timeoutMs,
          cancel: () => client.cancel(callId),
        }
      : undefined;
  const failure: TestFailure | undefined =
    latest?.status !== 'error'
      ? undefined
      : isCancelled(latest.error)
        ? { kind: 'cancelled' }
        : {
            kind: 'failed',
            message: latest.error instanceof Error ? latest.error.message : String(latest.error),
          };

  /** Starts a call, unless the node has one under way. */
  const start = (input: TestCallInput, onSettled?: () => void) => {
    if (queryClient.isMutating({ mutationKey, exact: true }) > 0) return;
    mutation.mutate(input, { onSettled });
  };
  return { start, running, failure };
}

const callTimeoutSchema = z.object({ request: z.object({ timeoutMs: z.number() }) });

/** The cache holds a call's input untyped; its deadline is all the waiting bar needs. */
function timeoutOf(variables: unknown): number {
  const input = callTimeoutSchema.safeParse(variables);
  return input.success ? input.data.request.timeoutMs : 0;
}

async function sendTestCall(
  { request, expectedVariables }: TestCallInput,
  to: {
    client: WebServiceClient;
    callId: string;
    benches: TestBenchStore;
    flowId: string;
    nodeId: string;
  },
): Promise<TestRun> {
  const startedAt = Date.now();
  const result = await to.client.send(to.callId, request);
  const run: TestRun = { id: newId('run'), startedAt, request, expectedVariables, result };
  to.benches.getState().changeBench(to.flowId, to.nodeId, (bench) => ({
    ...bench,
    history: [run, ...bench.history].slice(0, testHistoryLimit),
  }));
  return run;
}

/**
 * Sends a node's test call from outside its panel (Check all endpoints) as the same mutation the
 * panel would start, so the node's bench shows it waiting and can cancel it. Null when the node
 * has a call under way already.
 */
export function sendNodeTestCall(
  queryClient: QueryClient,
  to: { client: WebServiceClient; benches: TestBenchStore; flowId: string; nodeId: string },
  input: TestCallInput,
): { result: Promise<TestRun>; cancel: () => void } | null {
  const mutationKey = testCallKey(to.flowId, to.nodeId);
  if (queryClient.isMutating({ mutationKey, exact: true }) > 0) return null;
  const callId = callIdOf(mutationKey);
  const call = new MutationObserver(queryClient, {
    mutationKey,
    mutationFn: (variables: TestCallInput) => sendTestCall(variables, { ...to, callId }),
  });
  return { result: call.mutate(input), cancel: () => to.client.cancel(callId) };
}

/** Stops every test call of a flow (it was deleted), so none writes a run for it afterwards. */
export function cancelTestCallsOfFlow(
  queryClient: QueryClient,
  client: WebServiceClient,
  flowId: string,
): void {
  const pending = queryClient
    .getMutationCache()
    .findAll({ mutationKey: ['webservice-test', flowId], status: 'pending' });
  for (const call of pending) client.cancel(callIdOf(call.options.mutationKey ?? []));
}
