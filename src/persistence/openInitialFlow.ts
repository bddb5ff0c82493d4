import { createDemoFlow } from '../domain/createFlows';
import type { FlowDocument } from '../domain/flowDocumentSchema';
import type { FlowRepository } from './flowRepository';

/**
 * The flow to show on start: the one open last time, else the most recent one, else (first
 * start) the seeded demo flow.
 */
export async function openInitialFlow(
  repository: FlowRepository,
  appOrigin: string,
): Promise<FlowDocument> {
  const lastOpenId = await repository.readLastOpenFlowId();
  if (lastOpenId) {
    const last = await repository.loadFlow(lastOpenId);
    if (last.ok) return last.flow;
  }
  for (const summary of await repository.listFlows()) {
    const loaded = await repository.loadFlow(summary.id);
    if (loaded.ok) return loaded.flow;
  }
  const demo = createDemoFlow(appOrigin);
  await repository.saveFlow(demo);
  await repository.writeLastOpenFlowId(demo.id);
  return demo;
}
