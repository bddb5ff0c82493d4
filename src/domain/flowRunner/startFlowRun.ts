import {
  moduleDefinitions,
  type ModuleDataByKind,
  type ModuleKind,
} from '../../modules/moduleDefinitions';
import { customerVariableNames, sampleCustomerValues } from '../customerVariables';
import { extractPlaceholders, fillPlaceholders } from '../extractPlaceholders';
import type { GraphEdge, GraphNode } from '../flowGraph';
import { moduleDisplayName } from '../moduleDisplayName';
import { newId } from '../newId';
import { sampleParams } from '../webservice/buildWebServiceRequest';
import { platformTimeoutMs } from '../webservice/webServiceContract';
import type {
  ParsedWebServiceTestRequest,
  WebServiceTestResult,
} from '../webservice/webServiceTestApi';
import type {
  FlowRunState,
  FlowRunStatus,
  RunVariable,
  StepLogEntry,
  StepNote,
  TranscriptMessage,
  WebServiceCallRecord,
  WebServicePreviewMode,
} from './flowRunState';
import type {
  CustomerQuestion,
  StepContext,
  StepNoteTone,
  StepResult,
  WebServiceCallAnswer,
} from './moduleStep';
import { createConversationTurns } from './conversationTurns';
import type { RecordedConversation } from './recordedConversationSchema';
import { systemClock, type RunnerClock } from './runnerClock';
import {
  callWithPlatformTimeout,
  customerWaitOf,
  effectOfResult,
  platformTimeoutResult,
  simulatedServerErrorResult,
  type WebServiceCaller,
} from './webServiceCallResults';

/** More steps than this without customer input stop the run: the flow loops. */
export const maxStepsWithoutCustomerInput = 100;

/** A flow as the runner reads it: the store's nodes and edges, or a flow file's. */
export interface RunnableFlow {
  id: string;
  nodes: readonly GraphNode[];
  edges: readonly (GraphEdge & { id: string })[];
}

export interface FlowRunOptions {
  flow: RunnableFlow;
  /** Sends a WebService request (in the browser: the proxy client posting `/api/webservice-test`). */
  callWebService: WebServiceCaller;
  clock?: RunnerClock;
  /** Where the chat begins (`Run from here`); the flow's Start module by default. */
  startAt?: string;
  /** The process instance's variables at the start; the sample customer by default. */
  variables?: Readonly<Record<string, string>>;
  /** The `params` of every WebService request; the bench's `sampleParams` by default. */
  params?: Readonly<Record<string, string>>;
  /** How the preview treats the `callIndex`-th call of a WebService module; `call` by default. */
  webServiceMode?: (moduleId: string, callIndex: number) => WebServicePreviewMode;
  /**
   * How long a call may take before the chat goes on without it: the platform's 20 s by
   * default. End-to-end tests shorten it so a timeout costs no real 20 s.
   */
  callTimeoutMs?: number;
  /** Fixed for the conversation; a fresh one by default, and on each restart. */
  processInstanceId?: string;
  /** Aborting it disposes of the run. */
  signal?: AbortSignal;
}

/** A chat preview in progress. Every method that moves it resolves once it rests again. */
export interface FlowRun {
  getState(): FlowRunState;
  /** Called with every new snapshot; returns the unsubscribe function. */
  subscribe(listener: (state: FlowRunState) => void): () => void;
  /** Resolves when the chat waits for the customer, has ended or was stopped. */
  settled(): Promise<FlowRunState>;
  /** The customer's message; ignored unless a question waits for it. */
  answer(text: string): Promise<FlowRunState>;
  /** A new conversation from the same start with the same starting values. */
  restart(): Promise<FlowRunState>;
  /** Stops for good and aborts a call in flight; no more snapshots. */
  dispose(): void;
  /** The answers and WebService results so far, to replay the conversation headless. */
  recording(): RecordedConversation;
}

interface MutableEntry extends Omit<StepLogEntry, 'notes'> {
  notes: StepNote[];
}

/** Starts a chat preview of `options.flow` at once; see `FlowRun`. */
export function startFlowRun(options: FlowRunOptions): FlowRun {
  const { flow, callWebService } = options;
  const clock = options.clock ?? systemClock;
  const params = options.params ?? sampleParams;
  const callTimeoutMs = options.callTimeoutMs ?? platformTimeoutMs;
  const modeOf = options.webServiceMode ?? callEveryEndpoint;
  const startingValues = { ...(options.variables ?? sampleCustomerValues()) };
  const nodeById = new Map(flow.nodes.map((node) => [node.id, node]));
  const edgeByOutput = new Map(
    flow.edges.map((edge) => [outputKey(edge.source, edge.sourceHandle ?? 'out'), edge]),
  );
  const startId =
    options.startAt ?? flow.nodes.find((node) => !moduleDefinitions[node.type].hasInput)?.id;
  const listeners = new Set<(state: FlowRunState) => void>();

  let generation = 0;
  let disposed = false;
  let stop = new AbortController();
  let processInstanceId = '';
  let originMs = 0;
  let simulatedExtraMs = 0;
  let status: FlowRunStatus = { kind: 'running' };
  let currentModuleId: string | null = null;
  let edgesTaken: string[] = [];
  let transcript: TranscriptMessage[] = [];
  let variables = new Map<string, RunVariable>();
  let stepLog: MutableEntry[] = [];
  let turns = createConversationTurns();
  let visitedSinceInput: string[] = [];
  let callCounts = new Map<string, number>();
  let waiting: { nodeId: string; question: CustomerQuestion; entry: MutableEntry } | null = null;
  let answers: string[] = [];
  let recordedResults: RecordedConversation['webServiceResults'] = [];
  let state: FlowRunState | undefined;
  let activity: Promise<void> = Promise.resolve();

  const nowMs = () => clock.now() - originMs + simulatedExtraMs;
  const isCurrent = (run: number) => run === generation && !disposed;

  function snapshot(): FlowRunState {
    return {
      status,
      currentModuleId,
      edgesTaken: [...edgesTaken],
      transcript: [...transcript],
      variables: [...variables.values()],
      stepLog: stepLog.map((entry) => ({ ...entry, notes: [...entry.notes] })),
      turns: turns.snapshot(),
      processInstanceId,
    };
  }

  function publish() {
    if (disposed) return;
    state = snapshot();
    for (const listener of listeners) listener(state);
  }

  function reset() {
    generation += 1;
    stop.abort();
    stop = new AbortController();
    processInstanceId = options.processInstanceId ?? newId('preview');
    originMs = clock.now();
    simulatedExtraMs = 0;
    status = { kind: 'running' };
    currentModuleId = null;
    edgesTaken = [];
    transcript = [];
    variables = new Map(
      Object.entries(startingValues).map(([name, value]) => [
        name,
        { name, value, scope: scopeOf(name), setBy: null, webServiceChange: null },
      ]),
    );
    stepLog = [];
    turns = createConversationTurns();
    visitedSinceInput = [];
    callCounts = new Map();
    waiting = null;
    answers = [];
    recordedResults = [];
  }

  function begin(): Promise<FlowRunState> {
    reset();
    const run = generation;
    state = snapshot();
    publish();
    activity = (async () => {
      await Promise.resolve();
      if (startId === undefined) finish({ kind: 'ended', reason: 'The flow has no Start module.' });
      else await walkFrom(startId, run);
    })();
    return settledState();
  }

  async function settledState(): Promise<FlowRunState> {
    await activity;
    return currentState();
  }

  function currentState(): FlowRunState {
    state ??= snapshot();
    return state;
  }

  function valuesNow(): Record<string, string> {
    return Object.fromEntries([...variables.values()].map((v) => [v.name, v.value]));
  }

  function say(text: string, moduleId: string) {
    const atMs = nowMs();
    turns.botReplied(atMs);
    transcript.push({
      id: `message-${transcript.length + 1}`,
      from: 'bot',
      text,
      moduleId,
      turn: turns.currentIndex(),
      atMs,
    });
  }

  /** The chat rests: the turn's last silence counts, and nothing runs until the customer acts. */
  function finish(next: FlowRunStatus) {
    status = next;
    turns.close(nowMs());
    publish();
  }

  function assign(name: string, value: string, setter: GraphNode, fromWebService: boolean) {
    const before = variables.get(name);
    variables.set(name, {
      name,
      value,
      scope: scopeOf(name),
      setBy: { moduleId: setter.id, moduleName: moduleDisplayName(setter) },
      webServiceChange: !fromWebService
        ? null
        : before === undefined
          ? 'added'
          : before.value === value
            ? 'unchanged'
            : 'changed',
    });
  }

  function openEntry(node: GraphNode): MutableEntry {
    const atMs = nowMs();
    const entry: MutableEntry = {
      index: stepLog.length,
      moduleId: node.id,
      moduleName: moduleDisplayName(node),
      kindLabel: moduleDefinitions[node.type].label,
      turn: turns.currentIndex(),
      startMs: atMs,
      endMs: atMs,
      output: null,
      notes: [],
      webServiceCall: null,
    };
    stepLog.push(entry);
    return entry;
  }

  /** The module the output leads to, or null when it leads nowhere (and the chat ended). */
  function leave(node: GraphNode, output: string, entry: MutableEntry): string | null {
    entry.output = output;
    entry.endMs = nowMs();
    const edge = edgeByOutput.get(outputKey(node.id, output));
    if (edge) {
      edgesTaken.push(edge.id);
      return edge.target;
    }
    const label = outputLabelOf(node, output);
    const where = label
      ? `Output "${label}" of ${entry.moduleName}`
      : `${entry.moduleName}'s output`;
    const reason = `${where} leads nowhere, so the chat ends here.`;
    entry.notes.push({ tone: 'warning', text: reason });
    finish({ kind: 'ended', reason });
    return null;
  }

  async function walkFrom(firstId: string, run: number): Promise<void> {
    let nodeId: string | null = firstId;
    while (nodeId !== null && isCurrent(run)) {
      const node = nodeById.get(nodeId);
      if (!node) {
        finish({ kind: 'ended', reason: `Module ${nodeId} is not in the flow.` });
        return;
      }
      visitedSinceInput.push(node.id);
      if (visitedSinceInput.length > maxStepsWithoutCustomerInput) {
        stopForLoop(node.id);
        return;
      }
      currentModuleId = node.id;
      status = { kind: 'running' };
      const entry = openEntry(node);
      publish();
      const returnedNames = new Set<string>();
      let result: StepResult;
      try {
        result = await stepOf(node, contextFor(node, entry, run, returnedNames));
      } catch (error) {
        if (!isCurrent(run)) return;
        const reason = `${entry.moduleName} failed: ${error instanceof Error ? error.message : String(error)}`;
        entry.notes.push({ tone: 'warning', text: reason });
        finish({ kind: 'ended', reason });
        return;
      }
      if (!isCurrent(run)) return;
      if (result.kind === 'ask') {
        entry.endMs = nowMs();
        say(result.question.prompt, node.id);
        waiting = { nodeId: node.id, question: result.question, entry };
        const { prompt, inputType, choices } = result.question;
        finish({ kind: 'awaiting-answer', moduleId: node.id, prompt, inputType, choices });
        return;
      }
      if (result.kind === 'end') {
        entry.endMs = nowMs();
        finish({ kind: 'ended', reason: result.reason });
        return;
      }
      if (result.say !== undefined) say(result.say, node.id);
      for (const { name, value } of result.assignments ?? []) {
        assign(name, value, node, returnedNames.has(name));
      }
      nodeId = leave(node, result.output, entry);
    }
  }

  function stopForLoop(nodeId: string) {
    const previous = visitedSinceInput.lastIndexOf(nodeId, visitedSinceInput.length - 2);
    const inLoop = new Set(visitedSinceInput.slice(Math.max(previous, 0), -1));
    // Named in the order the chat first entered them, not from wherever the guard struck.
    const loopIds = [...new Set(visitedSinceInput)].filter((id) => inLoop.has(id));
    const names = loopIds.map((id) => {
      const node = nodeById.get(id);
      return node ? moduleDisplayName(node) : id;
    });
    finish({
      kind: 'stopped',
      message: `Stopped after ${maxStepsWithoutCustomerInput} steps without customer input: the flow loops through ${names.join(', ')}.`,
      loopModuleIds: loopIds,
    });
  }

  function contextFor(
    node: GraphNode,
    entry: MutableEntry,
    run: number,
    returnedNames: Set<string>,
  ): StepContext {
    const note = (text: string, tone: StepNoteTone = 'info') => {
      entry.notes.push({ tone, text });
    };
    return {
      variables: valuesNow(),
      conversation: { flowId: flow.id, processInstanceId, params, timeoutMs: callTimeoutMs },
      note,
      fill: (text, values = valuesNow()) => {
        const unset = extractPlaceholders(text).filter((name) => !Object.hasOwn(values, name));
        for (const name of unset) note(`{{${name}}} is not set, so it shows as empty.`, 'warning');
        return fillPlaceholders(text, {
          ...values,
          ...Object.fromEntries(unset.map((name) => [name, ''])),
        });
      },
      sendWebServiceRequest: async (request, callOptions) => {
        const answer = await sendRequest(node, entry, run, request, callOptions);
        for (const variable of answer.variables) returnedNames.add(variable.name);
        return answer;
      },
    };
  }

  async function sendRequest(
    node: GraphNode,
    entry: MutableEntry,
    run: number,
    request: ParsedWebServiceTestRequest,
    callOptions: { useRequestQueue: boolean; expectedVariables: readonly string[] },
  ): Promise<WebServiceCallAnswer> {
    const callIndex = callCounts.get(node.id) ?? 0;
    callCounts.set(node.id, callIndex + 1);
    const mode = modeOf(node.id, callIndex);
    const startMs = nowMs();
    const record = (
      fields: Pick<
        WebServiceCallRecord,
        'sent' | 'outcome' | 'headline' | 'result' | 'variablesSet' | 'warnings'
      >,
    ) => {
      const endMs = nowMs();
      entry.webServiceCall = {
        moduleId: node.id,
        moduleName: entry.moduleName,
        callIndex,
        mode: mode.kind,
        latencyMs: endMs - startMs,
        startMs,
        endMs,
        request,
        ...fields,
      };
      turns.addCall(
        { moduleId: node.id, moduleName: entry.moduleName, callIndex, outcome: fields.outcome },
        startMs,
        endMs,
      );
    };

    if (callOptions.useRequestQueue) {
      const sent = mode.kind === 'call';
      if (sent) {
        void callWithPlatformTimeout(callWebService, request, clock, stop.signal, callTimeoutMs);
      }
      entry.notes.push({
        tone: 'info',
        text: `${sent ? 'Sent' : 'Not sent (preview mode)'} through the request queue: the chat goes on at once and ignores the answer.`,
      });
      record({
        sent,
        outcome: 'queued',
        headline: 'Queued',
        result: null,
        variablesSet: [],
        warnings: [],
      });
      return { variables: [] };
    }

    status = { kind: 'calling-webservice', moduleId: node.id };
    publish();
    const result = await resultFor(mode, request);
    if (!isCurrent(run)) return { variables: [] };
    recordedResults.push({ moduleId: node.id, callIndex, result });
    const effect = effectOfResult(result, request.body, callOptions.expectedVariables);
    entry.notes.push(...effect.notes);
    const { returned } = effect;
    record({
      sent: mode.kind === 'call',
      outcome: effect.outcome,
      headline: effect.headline,
      result,
      variablesSet: returned.map((variable) => variable.name),
      warnings: effect.warnings,
    });
    status = { kind: 'running' };
    return { variables: returned };
  }

  async function resultFor(
    mode: WebServicePreviewMode,
    request: ParsedWebServiceTestRequest,
  ): Promise<WebServiceTestResult> {
    switch (mode.kind) {
      case 'call':
        return callWithPlatformTimeout(callWebService, request, clock, stop.signal, callTimeoutMs);
      case 'recorded':
        simulatedExtraMs += customerWaitOf(mode.result);
        return mode.result;
      case 'timeout':
        simulatedExtraMs += platformTimeoutMs;
        return platformTimeoutResult();
      case 'error':
        return simulatedServerErrorResult();
    }
  }

  function answer(text: string): Promise<FlowRunState> {
    const asked = waiting;
    if (disposed || asked === null || status.kind !== 'awaiting-answer') return settledState();
    waiting = null;
    const run = generation;
    answers.push(text);
    const startMs = nowMs();
    turns.begin(text, startMs);
    transcript.push({
      id: `message-${transcript.length + 1}`,
      from: 'customer',
      text,
      moduleId: asked.nodeId,
      turn: turns.currentIndex(),
      atMs: startMs,
    });
    visitedSinceInput = [];
    const node = nodeById.get(asked.nodeId);
    const check = asked.question.check(text);
    const { entry } = asked;
    if (!check.ok || !node) {
      const problem = check.ok ? 'The question is no longer in the flow.' : check.problem;
      entry.notes.push({ tone: 'warning', text: `Refused "${text}": ${problem}` });
      say(problem, asked.nodeId);
      say(asked.question.prompt, asked.nodeId);
      waiting = asked;
      finish(status);
      return settledState();
    }
    if (asked.question.variable) {
      assign(asked.question.variable, check.value, node, false);
      entry.notes.push({
        tone: 'info',
        text: `Stored "${check.value}" in ${asked.question.variable}.`,
      });
    } else {
      entry.notes.push({
        tone: 'warning',
        text: 'The question has no variable: the answer is not kept.',
      });
    }
    status = { kind: 'running' };
    activity = (async () => {
      const next = leave(node, 'out', entry);
      publish();
      if (next !== null) await walkFrom(next, run);
    })();
    return settledState();
  }

  function dispose() {
    disposed = true;
    generation += 1;
    stop.abort();
    listeners.clear();
  }

  reset();
  options.signal?.addEventListener('abort', dispose, { once: true });
  if (options.signal?.aborted) dispose();
  else void begin();

  return {
    getState: currentState,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled: settledState,
    answer,
    restart: () => (disposed ? settledState() : begin()),
    dispose,
    recording: () => ({
      version: 1,
      flowId: flow.id,
      startAt: options.startAt ?? null,
      variables: { ...startingValues },
      params: { ...params },
      processInstanceId,
      answers: [...answers],
      webServiceResults: [...recordedResults],
    }),
  };
}

function callEveryEndpoint(): WebServicePreviewMode {
  return { kind: 'call' };
}

function scopeOf(name: string): RunVariable['scope'] {
  return customerVariableNames.has(name) ? 'customer' : 'flow';
}

function outputKey(source: string, output: string): string {
  return `${source}\u0000${output}`;
}

function outputLabelOf<K extends ModuleKind>(
  node: { type: K; data: ModuleDataByKind[K] },
  output: string,
): string {
  return moduleDefinitions[node.type].outputs(node.data).find((o) => o.id === output)?.label ?? '';
}

function stepOf<K extends ModuleKind>(
  node: { type: K; data: ModuleDataByKind[K] },
  context: StepContext,
): StepResult | Promise<StepResult> {
  return moduleDefinitions[node.type].step(node.data, context);
}
