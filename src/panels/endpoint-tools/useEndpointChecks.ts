import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { endpointContractOf } from '../../domain/endpointGenerators/endpointContractOf';
import { newId } from '../../domain/newId';
import {
  checkWebServiceResponse,
  type ResponseCheck,
} from '../../domain/webservice/checkWebServiceResponse';
import {
  composeWebServiceRequest,
  sampleValuesOf,
} from '../../domain/webservice/composeWebServiceRequest';
import { testVerdictOf, type TestVerdict } from '../../domain/webservice/testVerdictOf';
import type { WebServiceTestResult } from '../../domain/webservice/webServiceTestApi';
import { isNodeOfKind, type AppNode } from '../../store/appNode';
import { entryOf, testBenchKey } from '../../store/createTestBenchStore';
import { useFlowStoreApi } from '../../store/FlowStoreContext';
import { isCancelled } from '../../webservice-calls/createWebServiceClient';
import { sendNodeTestCall } from '../../webservice-calls/useWebServiceTestCall';
import { useWebServiceClient } from '../../webservice-calls/WebServiceClientContext';
import { useTestBenchServices } from '../webservice-test/TestBenchServicesContext';
import { runWithConcurrency } from './runWithConcurrency';

/** How many endpoints are called at once: a few, so a flow with many does not flood the server. */
export const endpointChecksAtOnce = 3;

export type EndpointCheckStatus =
  | { kind: 'waiting' }
  | { kind: 'checking' }
  | { kind: 'not-sent'; reason: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string }
  | { kind: 'done'; result: WebServiceTestResult; verdict: TestVerdict; check: ResponseCheck };

export interface EndpointCheckRow {
  nodeId: string;
  moduleName: string;
  /** The URL's host, or what stands in for it. */
  host: string;
  useRequestQueue: boolean;
  status: EndpointCheckStatus;
}

function authorizationOf(nodes: readonly AppNode[], nodeId: string): string {
  const node = nodes.find((candidate) => candidate.id === nodeId);
  return node && isNodeOfKind(node, 'web-service') ? node.data.authorization : '';
}

function hostOf(url: string): string {
  if (url === '') return 'No URL';
  return URL.canParse(url) ? new URL(url).host : url;
}

/**
 * Sends every WebService module's test request of the open flow (its saved test values, else
 * the composed defaults) through the app's server, a few at a time; each result also joins the
 * module's test history, as a test sent from its bench would.
 */
export function useEndpointChecks() {
  const flowStore = useFlowStoreApi();
  const { benches, repository } = useTestBenchServices();
  const client = useWebServiceClient();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<EndpointCheckRow[]>([]);
  const [running, setRunning] = useState(false);
  const batch = useRef<AbortController | null>(null);

  const setStatus = (nodeId: string, status: EndpointCheckStatus) =>
    setRows((current) => current.map((row) => (row.nodeId === nodeId ? { ...row, status } : row)));

  const checkOne = async (flowId: string, row: EndpointCheckRow, signal: AbortSignal) => {
    const state = flowStore.getState();
    const contract = endpointContractOf(state, row.nodeId, state.name);
    if (!contract)
      return setStatus(row.nodeId, { kind: 'not-sent', reason: 'The module is gone.' });
    if (state.invalidFields[row.nodeId]?.url !== undefined) {
      return setStatus(row.nodeId, {
        kind: 'not-sent',
        reason: 'The URL is invalid: correct it in the inspector.',
      });
    }
    if (contract.url === '') {
      return setStatus(row.nodeId, { kind: 'not-sent', reason: 'The module has no URL.' });
    }
    const key = testBenchKey(flowId, row.nodeId);
    if (!entryOf(benches.getState().benches, key)) {
      benches.getState().benchLoaded((await repository.load(flowId, row.nodeId)).bench);
    }
    const bench = entryOf(benches.getState().benches, key);
    if (!bench) return setStatus(row.nodeId, { kind: 'failed', message: 'No test values.' });
    const composed = composeWebServiceRequest({
      flowId,
      processInstanceId: newId('chat'),
      endpoint: { url: contract.url, authorization: authorizationOf(state.nodes, row.nodeId) },
      variables: sampleValuesOf(contract.receivedVariables),
      testValues: bench,
    });
    if (!composed.ok) {
      return setStatus(row.nodeId, { kind: 'not-sent', reason: composed.problems.join(' ') });
    }
    const call = sendNodeTestCall(
      queryClient,
      { client, benches, flowId, nodeId: row.nodeId },
      { request: composed.request, expectedVariables: contract.expectedVariables.slice() },
    );
    if (!call) {
      return setStatus(row.nodeId, {
        kind: 'not-sent',
        reason: 'A test of this module is already under way in its bench.',
      });
    }
    signal.addEventListener('abort', call.cancel);
    setStatus(row.nodeId, { kind: 'checking' });
    try {
      const { result } = await call.result;
      setStatus(row.nodeId, {
        kind: 'done',
        result,
        verdict: testVerdictOf(result),
        check: checkWebServiceResponse(result, composed.request.body, contract.expectedVariables),
      });
    } catch (error) {
      setStatus(
        row.nodeId,
        isCancelled(error)
          ? { kind: 'cancelled' }
          : { kind: 'failed', message: error instanceof Error ? error.message : String(error) },
      );
    } finally {
      signal.removeEventListener('abort', call.cancel);
    }
  };

  const start = () => {
    if (batch.current) return;
    const state = flowStore.getState();
    const { flowId } = state;
    const initial: EndpointCheckRow[] = state.nodes.flatMap((node) => {
      const contract = endpointContractOf({ nodes: [node], edges: [] }, node.id, state.name);
      return contract
        ? [
            {
              nodeId: node.id,
              moduleName: contract.moduleName,
              host: hostOf(contract.url),
              useRequestQueue: contract.useRequestQueue,
              status: { kind: 'waiting' },
            },
          ]
        : [];
    });
    const abort = new AbortController();
    batch.current = abort;
    setRows(initial);
    setRunning(true);
    void runWithConcurrency(initial, endpointChecksAtOnce, abort.signal, (row) =>
      checkOne(flowId, row, abort.signal).catch((error: unknown) =>
        setStatus(row.nodeId, {
          kind: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
      ),
    ).finally(() => {
      if (abort.signal.aborted) {
        setRows((current) =>
          current.map((row) =>
            row.status.kind === 'waiting' ? { ...row, status: { kind: 'cancelled' } } : row,
          ),
        );
      }
      batch.current = null;
      setRunning(false);
    });
  };

  const cancel = () => batch.current?.abort();

  return { rows, running, start, cancel };
}
