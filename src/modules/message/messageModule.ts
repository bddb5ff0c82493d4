import { z } from 'zod';
import { extractPlaceholders } from '../../domain/extractPlaceholders';
import { singleOutput, type ModuleDefinition } from '../ModuleDefinition';
import { moduleTextSchema } from '../../domain/moduleTextSchema';

export const messageDataSchema = z.object({
  text: moduleTextSchema.default(''),
});
export type MessageData = z.output<typeof messageDataSchema>;

export const messageModule: ModuleDefinition<'message', MessageData> = {
  kind: 'message',
  label: 'Message',
  description: 'Shows a text; {{variable}} placeholders are filled in',
  dataSchema: messageDataSchema,
  onePerFlow: false,
  isEntry: false,
  hasInput: true,
  outputs: () => singleOutput,
  variablesSet: () => [],
  sampleValue: () => '',
  variablesUsed: (data) => extractPlaceholders(data.text),
  searchableTexts: (data) => [{ field: 'Text', text: data.text }],
  summary: (data) => data.text.trim() || 'Empty message',
  configurationProblems: (data) => (data.text.trim() ? [] : ['Message has no text']),
  step: (data, context) => ({ kind: 'go-on', output: 'out', say: context.fill(data.text) }),
  waitsForCustomer: false,
  longestCustomerWaitMs: () => 0,
};
