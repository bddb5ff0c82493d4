import { z } from 'zod';

/**
 * The longest text a module field holds; the flow file import refuses longer ones too. Far
 * above any message or prompt, so flows stored before the bound existed still open.
 */
export const moduleTextMaxChars = 1_000_000;

/**
 * A free text of a module (a message, a prompt, a value). Bounded so that everything the
 * inspector accepts also imports again (`parseFlowFile` refuses longer texts).
 */
export const moduleTextSchema = z
  .string()
  .max(moduleTextMaxChars, `At most ${moduleTextMaxChars.toLocaleString('en')} characters`);
