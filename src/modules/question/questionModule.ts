import { z } from 'zod';
import { extractPlaceholders } from '../../domain/extractPlaceholders';
import { optionalVariableNameSchema } from '../../domain/variableNameSchema';
import { singleOutput, type ModuleDefinition } from '../ModuleDefinition';
import { moduleTextSchema } from '../../domain/moduleTextSchema';
import { questionStep } from './questionStep';

export const questionInputTypes = ['text', 'email', 'number', 'nps', 'single-choice'] as const;
export const questionInputTypeSchema = z.enum(questionInputTypes);
export type QuestionInputType = z.output<typeof questionInputTypeSchema>;

export const questionInputTypeLabels: Record<QuestionInputType, string> = {
  text: 'Text',
  email: 'Email',
  number: 'Number',
  nps: 'NPS (0–10)',
  'single-choice': 'Single choice',
};

export const questionDataSchema = z.object({
  prompt: moduleTextSchema.default(''),
  variable: optionalVariableNameSchema.default(''),
  inputType: questionInputTypeSchema.default('text'),
  options: z.array(moduleTextSchema).default([]),
  /** The author's mark that the answer is personal data (an email answer always is). */
  personalData: z.boolean().default(false),
});
export type QuestionData = z.output<typeof questionDataSchema>;

export const questionModule: ModuleDefinition<'question', QuestionData> = {
  kind: 'question',
  label: 'Question',
  description: 'Asks the customer and stores the answer as a string',
  dataSchema: questionDataSchema,
  onePerFlow: false,
  isEntry: false,
  hasInput: true,
  outputs: () => singleOutput,
  variablesSet: (data) => (data.variable ? [data.variable] : []),
  sampleValue: (data) => questionSampleAnswer(data),
  personalVariables: (data) => {
    if (!data.variable) return [];
    if (data.inputType === 'email') return [{ variable: data.variable, because: 'email-question' }];
    return data.personalData ? [{ variable: data.variable, because: 'marked-personal' }] : [];
  },
  variablesUsed: (data) => extractPlaceholders(data.prompt),
  searchableTexts: (data) => [
    { field: 'Prompt', text: data.prompt },
    ...data.options.map((option) => ({ field: 'Option', text: option })),
  ],
  summary: (data) =>
    `${questionInputTypeLabels[data.inputType]}: ${data.prompt.trim() || 'no prompt yet'}`,
  configurationProblems: (data) => [
    ...(data.variable ? [] : ['Question has no variable for the answer']),
    ...(data.prompt.trim() ? [] : ['Question has no prompt']),
    ...(data.inputType === 'single-choice' && data.options.filter((o) => o.trim()).length === 0
      ? ['Single-choice question has no options']
      : []),
  ],
  step: questionStep,
  waitsForCustomer: true,
  longestCustomerWaitMs: () => 0,
};

/** What John Smith, the sample customer, would answer. */
function questionSampleAnswer(data: QuestionData): string {
  switch (data.inputType) {
    case 'email':
      return 'john.smith@example.org';
    case 'number':
      return '42';
    case 'nps':
      return '10';
    case 'single-choice':
      return data.options.find((option) => option.trim()) ?? '';
    case 'text':
      return 'Sample answer';
  }
}
