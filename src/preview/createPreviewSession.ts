import { createStore } from 'zustand/vanilla';
import { customerVariables, sampleCustomerValues } from '../domain/customerVariables';
import type { FlowRunState, WebServicePreviewMode } from '../domain/flowRunner/flowRunState';
import type { FlowRun, RunnableFlow } from '../domain/flowRunner/startFlowRun';
import { newId } from '../domain/newId';
import { sameConnections } from '../store/appNode';
import type { FlowState, FlowStore } from '../store/createFlowStore';
import { entryOf, testBenchKey, type TestBenchStore } from '../store/createTestBenchStore';
import type { WebServiceClient } from '../webservice-calls/createWebServiceClient';

/** What a WebService module does in the preview; `recorded` answers with its newest test run. */
export type PreviewUse = WebServicePreviewMode['kind'];

export interface PreviewSessionState {
  /** The conversation as it stands; null before the first start. */
  run: FlowRunState | null;
  /** The module a `Run from here` began at; null for a run from Start. */
  startedAt: string | null;
  /** Why the run began again by itself (the flow changed), shown until the next start. */
  note: string | null;
  /** Starting values of a run from Start: the sample customer, as the author edited it. */
  startingValues: Readonly<Record<string, string>>;
  /** What each WebService module does in the preview, by `testBenchKey`; `call` when absent. */
  uses: Readonly<Record<string, PreviewUse>>;
  presenting: boolean;
  start: (from?: string | null) => void;
  restart: () => void;
  answer: (text: string) => void;
  setStartingValue: (name: string, value: string) => void;
  setUse: (flowId: string, nodeId: string, use: PreviewUse) => void;
  setPresenting: (presenting: boolean) => void;
  /** Restarts a run at once, with a note, because the flow it runs changed. */
  flowEdited: () => void;
  /** Stops the run and forgets it (another flow was opened). */
  clear: () => void;
}

export type PreviewSession = ReturnType<typeof createPreviewSession>;

/** The flow runner, fetched at the first start: the editor opens without it. */
async function loadFlowRunner() {
  const [{ startFlowRun }, { startingValuesAt }] = await Promise.all([
    import('../domain/flowRunner/startFlowRun'),
    import('../domain/flowRunner/startingValuesAt'),
  ]);
  return { startFlowRun, startingValuesAt };
}

interface PreviewDependencies {
  flows: FlowStore;
  benches: TestBenchStore;
  webServices: WebServiceClient;
}

/**
 * The chat preview of the open flow: one run of the pure flow runner, its WebService calls sent
 * through the page's client, and the author's preview settings. It outlives the preview panel,
 * so a run survives selecting other modules; `Restart` and editing the flow are the only things
 * that reset it (an edit restarts it at once, with a note).
 */
export function createPreviewSession({ flows, benches, webServices }: PreviewDependencies) {
  let current: { run: FlowRun; unsubscribe: () => void } | null = null;

  const store = createStore<PreviewSessionState>()((set, get) => {
    const stop = () => {
      current?.unsubscribe();
      current?.run.dispose();
      current = null;
    };

    const modeOf = (flowId: string, moduleId: string): WebServicePreviewMode => {
      const key = testBenchKey(flowId, moduleId);
      const use = entryOf(get().uses, key) ?? 'call';
      if (use !== 'recorded') return { kind: use };
      const newest = entryOf(benches.getState().benches, key)?.history[0];
      return newest ? { kind: 'recorded', result: newest.result } : { kind: 'call' };
    };

    /** Counts starts and stops: a start whose runner arrives after a newer one is dropped. */
    let starts = 0;

    const begin = (from: string | null, note: string | null) => {
      stop();
      const thisStart = ++starts;
      void loadFlowRunner().then(
        ({ startFlowRun, startingValuesAt }) => {
          if (thisStart !== starts) return;
          const flowState = flows.getState();
          const flow = runnableFlowOf(flowState);
          const startAt =
            from !== null && flow.nodes.some((node) => node.id === from) ? from : null;
          const run = startFlowRun({
            flow,
            startAt: startAt ?? undefined,
            variables: startAt
              ? { ...startingValuesAt(flow, startAt), ...get().startingValues }
              : get().startingValues,
            callWebService: (request, signal) => {
              const callId = newId('preview-call');
              signal.addEventListener('abort', () => webServices.cancel(callId), { once: true });
              return webServices.send(callId, request);
            },
            webServiceMode: (moduleId) => modeOf(flow.id, moduleId),
          });
          current = { run, unsubscribe: run.subscribe((state) => set({ run: state })) };
          set({ run: run.getState(), startedAt: startAt, note });
        },
        (error: unknown) => {
          if (thisStart !== starts) return;
          const reason = error instanceof Error ? error.message : String(error);
          set({ note: `The chat preview could not start: ${reason}` });
        },
      );
    };

    return {
      run: null,
      startedAt: null,
      note: null,
      startingValues: sampleCustomerValues(),
      uses: {},
      presenting: false,
      start: (from = null) => begin(from, null),
      restart: () => begin(get().startedAt, null),
      flowEdited: () => begin(get().startedAt, 'The flow changed, so the preview started again.'),
      answer: (text) => void current?.run.answer(text),
      setStartingValue: (name, value) =>
        set({ startingValues: { ...get().startingValues, [name]: value } }),
      setUse: (flowId, nodeId, use) =>
        set({ uses: { ...get().uses, [testBenchKey(flowId, nodeId)]: use } }),
      setPresenting: (presenting) => set({ presenting }),
      clear: () => {
        starts += 1;
        stop();
        set({ run: null, startedAt: null, note: null, presenting: false });
      },
    };
  });

  // An edit of what the chat does (configuration, names, connections) restarts a run at once;
  // moving or selecting modules does not. Another flow opened ends the run.
  let watched = flowContentOf(flows.getState());
  const unwatch = flows.subscribe((state) => {
    const next = flowContentOf(state);
    if (sameFlowContent(watched, next)) return;
    const otherFlow = watched.flowId !== next.flowId;
    watched = next;
    if (store.getState().run === null) return;
    if (otherFlow) store.getState().clear();
    else store.getState().flowEdited();
  });

  return Object.assign(store, {
    dispose: () => {
      unwatch();
      store.getState().clear();
    },
  });
}

/** The customer variables a run from Start begins with, in the profile's order. */
export const startingValueNames: readonly string[] = customerVariables.map(({ name }) => name);

function runnableFlowOf(state: FlowState): RunnableFlow {
  return { id: state.flowId, nodes: state.nodes, edges: state.edges };
}

interface FlowContent {
  flowId: string;
  nodes: FlowState['nodes'];
  edges: FlowState['edges'];
}

function flowContentOf(state: FlowState): FlowContent {
  return { flowId: state.flowId, nodes: state.nodes, edges: state.edges };
}

/** Same modules (kind, name, configuration) and the same connections, wherever they are. */
function sameFlowContent(a: FlowContent, b: FlowContent): boolean {
  if (a.flowId !== b.flowId) return false;
  if (a.nodes !== b.nodes) {
    if (a.nodes.length !== b.nodes.length) return false;
    for (let index = 0; index < a.nodes.length; index += 1) {
      const before = a.nodes[index]!;
      const after = b.nodes[index]!;
      if (before.id !== after.id || before.data !== after.data || before.name !== after.name)
        return false;
    }
  }
  return sameConnections(a.edges, b.edges);
}
