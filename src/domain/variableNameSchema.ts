import { z } from 'zod';

/** A chat variable name as the platform writes them: lower snake_case. */
export const variableNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'Use lower snake_case: a–z, 0–9 and _, starting with a letter');

/** A variable field the author has not filled in yet; an empty one is reported as a flow problem. */
export const optionalVariableNameSchema = z.union([z.literal(''), variableNameSchema], {
  error: 'Use lower snake_case: a–z, 0–9 and _, starting with a letter',
});
