import 'fake-indexeddb/auto';
import { describe } from 'vitest';
import { sampledBench } from './benchSampling';
import { createIndexedDbFlowRepository } from '../src/persistence/flowRepository';
import { flowFromCanvas } from '../src/store/appNode';
import { createFlowStore } from '../src/store/createFlowStore';
import { createLargeFlow } from './createLargeFlow';

// One autosave of a 1,000-module flow: the document taken from the store and written to
// IndexedDB (fake-indexeddb in Node: it clones the record as a browser does). The baseline
// clones the same document once.
const moduleCount = 1000;
const flow = createLargeFlow(moduleCount);
const store = createFlowStore(flow);
const repository = createIndexedDbFlowRepository('bench-autosave');
await repository.saveFlow(flow);

describe(`autosave, ${moduleCount} modules`, () => {
  sampledBench('baseline: structuredClone of the flow', () => {
    structuredClone(flow);
  });
  sampledBench('flowFromCanvas + saveFlow (IndexedDB write with revision check)', async () => {
    const saved = await repository.saveFlow(flowFromCanvas(store.getState()));
    if (!saved.ok) throw new Error('The bench flow was refused');
  });
});
