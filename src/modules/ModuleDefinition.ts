import type { z } from 'zod';
import type { ModuleStep } from '../domain/flowRunner/moduleStep';

/** One outgoing connection point of a module: `out` for most, one per rule plus `else` for a condition. */
export interface ModuleOutput {
  id: string;
  label: string;
}

/**
 * Everything the pure side of Flowbench knows about one module kind. The browser and the
 * server share it; the React side lives in `moduleViews.ts`.
 */
export interface ModuleDefinition<Kind extends string, Data> {
  kind: Kind;
  /** Human name, as in the palette: `Add ${label}`. */
  label: string;
  description: string;
  /** Parses a node's `data`; every field has a default so `{}` is valid. */
  dataSchema: z.ZodType<Data, unknown>;
  /**
   * A kind a flow has exactly one of (Start): the palette offers it only while the flow has
   * none, the last one cannot be deleted, and copies leave it out.
   */
  onePerFlow: boolean;
  /** Where a chat enters the flow (Start): the analyses and the chat preview begin here. */
  isEntry: boolean;
  hasInput: boolean;
  outputs(data: Data): ModuleOutput[];
  /** Variables this module writes into the process instance. */
  variablesSet(data: Data): string[];
  /** A plausible value of one of `variablesSet`, used as the test bench's sample. */
  sampleValue(data: Data, variable: string): string;
  /**
   * Which of `variablesSet` hold personal data, and why: an email answer, or the author ticked
   * `Personal data`. Kinds that never set personal data leave it out.
   */
  personalVariables?(data: Data): PersonalVariableSetting[];
  /**
   * The URL the platform POSTs the chat's variables to (`''` while unset). Only kinds that
   * call out have it; privacy checks follow it.
   */
  calledUrl?(data: Data): string;
  /** Variables this module reads: placeholders in its texts, variables in its rules. */
  variablesUsed(data: Data): string[];
  /**
   * The author's texts worth finding the module by (Find module), each with the field it is
   * in: prompts, message texts, URLs, option lines, values. Variable names come from
   * `variablesSet` and `variablesUsed`.
   */
  searchableTexts(data: Data): SearchableText[];
  /** One line for the canvas node. */
  summary(data: Data): string;
  /** Problems of the configuration alone, phrased for the author. */
  configurationProblems(data: Data): string[];
  /** What the module does when a chat reaches it, as the platform runs it (the chat preview). */
  step: ModuleStep<Data>;
  /** Whether the chat stops here for the customer's input (a turn of the conversation ends). */
  waitsForCustomer: boolean;
  /** The longest the customer can wait on this module before the chat goes on, in ms. */
  longestCustomerWaitMs(data: Data): number;
}

/** A variable a module sets with personal data, and why it counts as personal. */
export interface PersonalVariableSetting {
  variable: string;
  because: 'email-question' | 'marked-personal';
}

/** One text of a module's configuration, named by its field as the inspector labels it. */
export interface SearchableText {
  field: string;
  text: string;
}

export const singleOutput: ModuleOutput[] = [{ id: 'out', label: '' }];
