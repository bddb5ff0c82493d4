import { z } from 'zod';
import { sampleParams } from './buildWebServiceRequest';
import { platformTimeoutMs } from './webServiceContract';
import {
  maxTestTimeoutMs,
  minTestTimeoutMs,
  webServiceTestResultSchema,
} from './webServiceTestApi';

// The test bench's records: the values an author composes a WebService's test request from,
// and the runs sent with them. The bench, the chat preview and the store share these shapes;
// persistence only stores them.

/** How many past runs a node keeps. */
export const testHistoryLimit = 20;

/** One test call as it was sent and what came back: enough to show it again or send it again. */
export const testRunSchema = z.object({
  id: z.string(),
  startedAt: z.number(),
  request: z.object({
    url: z.string(),
    authorization: z.string(),
    body: z.string(),
    timeoutMs: z.int(),
  }),
  expectedVariables: z.array(z.string()),
  result: webServiceTestResultSchema,
});
export type TestRun = z.infer<typeof testRunSchema>;

/** What the test bench keeps per WebService node across reloads. */
export const testBenchSchema = z.object({
  flowId: z.string(),
  nodeId: z.string(),
  /** Sample values the author typed over the computed ones, by variable name. */
  sampleOverrides: z.record(z.string(), z.string()).default({}),
  /** Variables the author chose not to send (to test an endpoint without them). */
  omittedVariables: z.array(z.string()).default([]),
  params: z.record(z.string(), z.string()).default(() => ({ ...sampleParams })),
  timeoutMs: z.int().min(minTestTimeoutMs).max(maxTestTimeoutMs).default(platformTimeoutMs),
  /** The raw JSON being edited, or null when the body is composed from the table. */
  rawBody: z.string().nullable().default(null),
  /** The stored revision these values were read at or written as; 0 for records from before. */
  revision: z.int().min(0).default(0),
  /** Newest first, at most `testHistoryLimit`; stored apart from the values. */
  history: z.array(testRunSchema).default([]),
});
export type TestBench = z.infer<typeof testBenchSchema>;

export function emptyTestBench(flowId: string, nodeId: string): TestBench {
  return testBenchSchema.parse({ flowId, nodeId });
}

/** The values a request is composed from, without the bookkeeping and the history. */
export type TestBenchValues = Omit<TestBench, 'flowId' | 'nodeId' | 'revision' | 'history'>;
