import type { QuestionInputType } from '../../modules/question/questionModule';
import type { ReturnedVariable } from '../webservice/checkWebServiceResponse';
import type { ParsedWebServiceTestRequest } from '../webservice/webServiceTestApi';

/** How a step-log note reads: `warning` for what the platform would do differently than meant. */
export type StepNoteTone = 'info' | 'warning';

/** One variable a step writes, in order. */
export interface StepAssignment {
  name: string;
  value: string;
}

/** What the customer's answer to a question turns into: the value kept, or why it is refused. */
export type AnswerCheck = { ok: true; value: string } | { ok: false; problem: string };

/** A question waiting for the customer. */
export interface CustomerQuestion {
  /** The prompt with its placeholders filled. */
  prompt: string;
  /** Where a valid answer is stored; empty when the author has not chosen one. */
  variable: string;
  inputType: QuestionInputType;
  /** Quick replies: the options of a single-choice question, `0`…`10` for NPS, else none. */
  choices: string[];
  check(answer: string): AnswerCheck;
}

/** How a step ends: on along one of the module's outputs, waiting for the customer, or done. */
export type StepResult =
  | {
      kind: 'go-on';
      /** The output id the chat leaves by. */
      output: string;
      /** A bot message the customer sees. */
      say?: string;
      assignments?: readonly StepAssignment[];
    }
  | { kind: 'ask'; question: CustomerQuestion }
  | { kind: 'end'; reason: string };

/** The conversation-wide facts a WebService request is composed from. */
export interface ConversationFacts {
  flowId: string;
  /** Fixed for the whole conversation, as on the platform. */
  processInstanceId: string;
  params: Readonly<Record<string, string>>;
  /** How long a call may take before the chat goes on without it: the platform's 20 s. */
  timeoutMs: number;
}

/** What a WebService call gives the flow: the variables to merge (none when it failed or was queued). */
export interface WebServiceCallAnswer {
  variables: readonly ReturnedVariable[];
}

/** What the runner hands a step: the chat's state and the few things a step may do. */
export interface StepContext {
  /** The process instance's variables as the chat reaches the module. */
  readonly variables: Readonly<Record<string, string>>;
  readonly conversation: ConversationFacts;
  /** `text` with `{{name}}` filled from `values` (the chat's variables); an unset name becomes empty, with a note. */
  fill(text: string, values?: Readonly<Record<string, string>>): string;
  /** Adds a line to this step's entry in the step log. */
  note(text: string, tone?: StepNoteTone): void;
  /**
   * Sends the request as the module's preview mode says (or simulates it), waits up to the
   * platform's 20 s unless queued, logs it with its timings and answers with what to merge.
   */
  sendWebServiceRequest(
    request: ParsedWebServiceTestRequest,
    options: { useRequestQueue: boolean; expectedVariables: readonly string[] },
  ): Promise<WebServiceCallAnswer>;
}

/** A module kind's behaviour in a running chat, kept in its registry entry. */
export type ModuleStep<Data> = (
  data: Data,
  context: StepContext,
) => StepResult | Promise<StepResult>;
