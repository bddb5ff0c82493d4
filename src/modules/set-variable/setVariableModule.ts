import { z } from 'zod';
import { extractPlaceholders } from '../../domain/extractPlaceholders';
import { optionalVariableNameSchema } from '../../domain/variableNameSchema';
import { singleOutput, type ModuleDefinition } from '../ModuleDefinition';

export const assignmentSchema = z.object({
  variable: optionalVariableNameSchema.default(''),
  value: z.string().default(''),
});
export type Assignment = z.output<typeof assignmentSchema>;

export const setVariableDataSchema = z.object({
  assignments: z.array(assignmentSchema).default([{ variable: '', value: '' }]),
});
export type SetVariableData = z.output<typeof setVariableDataSchema>;

export const setVariableModule: ModuleDefinition<'set-variable', SetVariableData> = {
  kind: 'set-variable',
  label: 'Set variable',
  description: 'Assigns values to variables',
  dataSchema: setVariableDataSchema,
  addableFromPalette: true,
  hasInput: true,
  outputs: () => singleOutput,
  variablesSet: (data) => data.assignments.map((a) => a.variable).filter(Boolean),
  variablesUsed: (data) => data.assignments.flatMap((a) => extractPlaceholders(a.value)),
  summary: (data) => {
    const named = data.assignments.filter((a) => a.variable);
    if (named.length === 0) return 'No assignments';
    return named.map((a) => `${a.variable} ← ${a.value || '""'}`).join(', ');
  },
  configurationProblems: (data) => [
    ...(data.assignments.length === 0 ? ['Set variable has no assignments'] : []),
    ...data.assignments.flatMap((a, index) =>
      a.variable ? [] : [`Assignment ${index + 1} has no variable`],
    ),
  ],
};
