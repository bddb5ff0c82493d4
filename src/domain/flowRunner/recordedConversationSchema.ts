import { z } from 'zod';
import { webServiceTestResultSchema } from '../webservice/webServiceTestApi';

/**
 * A conversation as a preview run lived it: where it began, with which values, what the
 * customer typed (refused answers included) and what each WebService call answered. Enough to
 * replay it headless (`replayConversation`), as a saved scenario, in tests or from a CLI.
 */
export const recordedConversationSchema = z.object({
  version: z.literal(1),
  flowId: z.string(),
  /** The module it began at (`Run from here`); null for the flow's Start module. */
  startAt: z.string().nullable(),
  variables: z.record(z.string(), z.string()),
  params: z.record(z.string(), z.string()),
  processInstanceId: z.string(),
  answers: z.array(z.string()),
  /** Calls that waited for an answer, by module and that module's call index; queued calls are left out. */
  webServiceResults: z.array(
    z.object({
      moduleId: z.string(),
      callIndex: z.int().nonnegative(),
      result: webServiceTestResultSchema,
    }),
  ),
});
export type RecordedConversation = z.infer<typeof recordedConversationSchema>;
