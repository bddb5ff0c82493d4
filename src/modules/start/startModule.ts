import { z } from 'zod';
import { singleOutput, type ModuleDefinition } from '../ModuleDefinition';

export const startDataSchema = z.object({});
export type StartData = z.output<typeof startDataSchema>;

export const startModule: ModuleDefinition<'start', StartData> = {
  kind: 'start',
  label: 'Start',
  description: 'Where every chat begins',
  dataSchema: startDataSchema,
  onePerFlow: true,
  isEntry: true,
  hasInput: false,
  outputs: () => singleOutput,
  variablesSet: () => [],
  sampleValue: () => '',
  variablesUsed: () => [],
  searchableTexts: () => [],
  summary: () => 'Chat begins here',
  configurationProblems: () => [],
  step: () => ({ kind: 'go-on', output: 'out' }),
  waitsForCustomer: false,
  longestCustomerWaitMs: () => 0,
};
