import type { QuestionInputType } from '../../modules/question/questionModule';
import type { ContractWarning } from '../webservice/checkWebServiceResponse';
import type { TestVerdictKind } from '../webservice/testVerdictOf';
import type { VariableScope } from '../webservice/variablesAtNode';
import type {
  ParsedWebServiceTestRequest,
  WebServiceTestResult,
} from '../webservice/webServiceTestApi';
import type { StepNoteTone } from './moduleStep';

// Every time in these types is in ms on one axis: the conversation as the customer lives it,
// from its start. A simulated timeout or a recorded answer counts the wait it stands for.

/** One bubble of the chat. */
export interface TranscriptMessage {
  /** Stable key for lists. */
  id: string;
  from: 'bot' | 'customer';
  text: string;
  /** The module that said it, or the question it answers. */
  moduleId: string;
  turn: number;
  atMs: number;
}

/** Where the run is. */
export type FlowRunStatus =
  | { kind: 'running' }
  /** A WebService call is in flight: the chat shows a typing indicator. */
  | { kind: 'calling-webservice'; moduleId: string }
  | {
      kind: 'awaiting-answer';
      moduleId: string;
      prompt: string;
      inputType: QuestionInputType;
      /** Quick replies: `0`…`10` for NPS, the options of a single choice, else none. */
      choices: readonly string[];
    }
  | { kind: 'ended'; reason: string }
  /** The loop guard stopped the run: too many steps without customer input. */
  | { kind: 'stopped'; message: string; loopModuleIds: readonly string[] };

/** A variable of the process instance as the run holds it. */
export interface RunVariable {
  name: string;
  value: string;
  /** `customer`: process-independent, the customer's own; `flow`: this process instance only. */
  scope: VariableScope;
  /** The module that set it last; null for a starting value. */
  setBy: { moduleId: string; moduleName: string } | null;
  /** Whether the last write came from a WebService answer, and what it did. */
  webServiceChange: 'added' | 'changed' | 'unchanged' | null;
}

/** How the chat preview treats one WebService module. */
export type WebServicePreviewMode =
  | { kind: 'call' }
  /** Answers with this result (from the test history) without sending; its latency counts. */
  | { kind: 'recorded'; result: WebServiceTestResult }
  /** Goes on at once without variables, counting the platform's 20 s the customer would wait. */
  | { kind: 'timeout' }
  /** Answers HTTP 500 without sending. */
  | { kind: 'error' };

/** What a WebService call's outcome was as the platform would live it. */
export type WebServiceCallOutcome = TestVerdictKind | 'queued';

/** One WebService call of the conversation. */
export interface WebServiceCallRecord {
  moduleId: string;
  moduleName: string;
  /** Counts this module's calls in the conversation, from 0. */
  callIndex: number;
  mode: WebServicePreviewMode['kind'];
  /** Whether it went out to the endpoint (a simulated or recorded answer sends nothing). */
  sent: boolean;
  outcome: WebServiceCallOutcome;
  /** Headline of the outcome, e.g. `Timeout`. */
  headline: string;
  /** What the customer waited for it. */
  latencyMs: number;
  startMs: number;
  endMs: number;
  request: ParsedWebServiceTestRequest;
  /** The answer; null for a queued call, whose answer the platform ignores. */
  result: WebServiceTestResult | null;
  /** Names of the variables the call set. */
  variablesSet: readonly string[];
  warnings: readonly ContractWarning[];
}

export interface StepNote {
  tone: StepNoteTone;
  text: string;
}

/** One module the chat passed. */
export interface StepLogEntry {
  /** Position in the log, from 0. */
  index: number;
  moduleId: string;
  moduleName: string;
  /** The module kind's label, e.g. `Question`. */
  kindLabel: string;
  turn: number;
  startMs: number;
  endMs: number;
  /** The output the chat left by; null when it stopped or waited here. */
  output: string | null;
  notes: readonly StepNote[];
  webServiceCall: WebServiceCallRecord | null;
}

/** A WebService call as a bar of the waterfall, in ms from its turn's start. */
export interface TurnCall {
  moduleId: string;
  moduleName: string;
  callIndex: number;
  outcome: WebServiceCallOutcome;
  startOffsetMs: number;
  endOffsetMs: number;
}

/**
 * One customer turn: from the customer's message (turn 0: the start of the conversation) until
 * the chat waits for the customer again or ends.
 */
export interface ConversationTurn {
  index: number;
  /** The customer's message that began it; null for turn 0. */
  customerMessage: string | null;
  startMs: number;
  /** Null while the turn runs. */
  endMs: number | null;
  calls: readonly TurnCall[];
  /** Until the first bot reply of the turn; null while none came yet. */
  replyWaitMs: number | null;
  /** The longest the customer waited in a row without a bot message (WebService calls add up). */
  longestWaitMs: number;
  /** Whether that wait is beyond the chat UI's budget (`chatReplyBudgetMs`). */
  exceedsBudget: boolean;
}

/** An immutable snapshot of a preview run; every change makes a new one. */
export interface FlowRunState {
  status: FlowRunStatus;
  /** The module the chat is at; null before the first step. */
  currentModuleId: string | null;
  /** Ids of the edges taken, in order (an edge taken twice appears twice). */
  edgesTaken: readonly string[];
  transcript: readonly TranscriptMessage[];
  /** By name, in the order they were first set. */
  variables: readonly RunVariable[];
  stepLog: readonly StepLogEntry[];
  turns: readonly ConversationTurn[];
  processInstanceId: string;
}
