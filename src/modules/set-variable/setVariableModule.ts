import { z } from 'zod';
import { extractPlaceholders } from '../../domain/extractPlaceholders';
import { newId } from '../../domain/newId';
import { optionalVariableNameSchema } from '../../domain/variableNameSchema';
import { singleOutput, type ModuleDefinition } from '../ModuleDefinition';
import { moduleTextSchema } from '../../domain/moduleTextSchema';

export const assignmentSchema = z.object({
  /** Keeps a row's identity in the inspector when rows above it are removed. */
  id: z
    .string()
    .min(1)
    .default(() => newId('assignment')),
  variable: optionalVariableNameSchema.default(''),
  value: moduleTextSchema.default(''),
  /** The author's mark that this row's value is personal data. */
  personalData: z.boolean().default(false),
});
export type Assignment = z.output<typeof assignmentSchema>;

export function emptyAssignment(): Assignment {
  return { id: newId('assignment'), variable: '', value: '', personalData: false };
}

export const setVariableDataSchema = z.object({
  assignments: z.array(assignmentSchema).default(() => [emptyAssignment()]),
});
export type SetVariableData = z.output<typeof setVariableDataSchema>;

export const setVariableModule: ModuleDefinition<'set-variable', SetVariableData> = {
  kind: 'set-variable',
  label: 'Set variable',
  description: 'Assigns values to variables',
  dataSchema: setVariableDataSchema,
  onePerFlow: false,
  isEntry: false,
  hasInput: true,
  outputs: () => singleOutput,
  variablesSet: (data) => data.assignments.map((a) => a.variable).filter(Boolean),
  // The last assignment wins when a module sets the same variable twice.
  sampleValue: (data, variable) =>
    data.assignments.findLast((a) => a.variable === variable)?.value ?? '',
  personalVariables: (data) =>
    data.assignments
      .filter((assignment) => assignment.variable && assignment.personalData)
      .map((assignment) => ({ variable: assignment.variable, because: 'marked-personal' })),
  // Assignments run in order, so a value may use what an earlier row of the same module set.
  variablesUsed: (data) =>
    data.assignments.flatMap((assignment, index) => {
      const setEarlier = new Set(data.assignments.slice(0, index).map((a) => a.variable));
      return extractPlaceholders(assignment.value).filter((name) => !setEarlier.has(name));
    }),
  searchableTexts: (data) => data.assignments.map((a) => ({ field: 'Value', text: a.value })),
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
  step: (data, context) => {
    // Rows run in order: a later row's placeholders see what an earlier row assigned.
    const values: Record<string, string> = { ...context.variables };
    const assignments = data.assignments.flatMap((assignment) => {
      if (!assignment.variable) return [];
      const value = context.fill(assignment.value, values);
      values[assignment.variable] = value;
      return [{ name: assignment.variable, value }];
    });
    return { kind: 'go-on', output: 'out', assignments };
  },
  waitsForCustomer: false,
  longestCustomerWaitMs: () => 0,
};
