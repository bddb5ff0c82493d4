import type { FlowRunState, WebServicePreviewMode } from './flowRunState';
import type { RecordedConversation } from './recordedConversationSchema';
import type { RunnerClock } from './runnerClock';
import { startFlowRun, type RunnableFlow } from './startFlowRun';

/**
 * Runs a recorded conversation again without a browser or network: the customer's answers are
 * fed in order, every WebService call gets its recorded result (a call the recording lacks gets
 * an HTTP 500). Resolves with the final state, e.g. to check that an edited flow still ends
 * where it did.
 */
export async function replayConversation(
  flow: RunnableFlow,
  recording: RecordedConversation,
  clock?: RunnerClock,
): Promise<FlowRunState> {
  const results = new Map(
    recording.webServiceResults.map((entry) => [
      callKey(entry.moduleId, entry.callIndex),
      entry.result,
    ]),
  );
  const run = startFlowRun({
    flow,
    ...(clock ? { clock } : {}),
    ...(recording.startAt === null ? {} : { startAt: recording.startAt }),
    variables: recording.variables,
    params: recording.params,
    processInstanceId: recording.processInstanceId,
    callWebService: () => Promise.reject(new Error('A replay sends nothing')),
    webServiceMode: (moduleId, callIndex): WebServicePreviewMode => {
      const result = results.get(callKey(moduleId, callIndex));
      return result ? { kind: 'recorded', result } : { kind: 'error' };
    },
  });
  let state = await run.settled();
  for (const answer of recording.answers) {
    if (state.status.kind !== 'awaiting-answer') break;
    state = await run.answer(answer);
  }
  run.dispose();
  return state;
}

function callKey(moduleId: string, callIndex: number): string {
  return `${moduleId}\u0000${callIndex}`;
}
