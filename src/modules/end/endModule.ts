import { z } from 'zod';
import type { ModuleDefinition } from '../ModuleDefinition';

export const endDataSchema = z.object({});
export type EndData = z.output<typeof endDataSchema>;

export const endModule: ModuleDefinition<'end', EndData> = {
  kind: 'end',
  label: 'End',
  description: 'Ends the chat',
  dataSchema: endDataSchema,
  onePerFlow: false,
  isEntry: false,
  hasInput: true,
  outputs: () => [],
  variablesSet: () => [],
  sampleValue: () => '',
  variablesUsed: () => [],
  searchableTexts: () => [],
  summary: () => 'Chat ends here',
  configurationProblems: () => [],
  step: () => ({ kind: 'end', reason: 'The chat reached an End module.' }),
  waitsForCustomer: false,
  longestCustomerWaitMs: () => 0,
};
