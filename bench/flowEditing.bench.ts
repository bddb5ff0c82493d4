import { describe } from 'vitest';
import { sampledBench } from './benchSampling';
import { findFlowProblems } from '../src/domain/findFlowProblems';
import { parseFlowFile } from '../src/domain/parseFlowFile';
import { variablesSetUpstream } from '../src/domain/variablesSetUpstream';
import { flowFromCanvas } from '../src/store/appNode';
import { createFlowStore } from '../src/store/createFlowStore';
import { createLargeFlow } from './createLargeFlow';

// Each group times one operation on a 5,000-module flow next to a baseline measured in the
// same run: a plain linear pass over the same data. Read the ratios, not the absolute times.
const moduleCount = 5000;
const flow = createLargeFlow(moduleCount);
const flowText = JSON.stringify(flow);
const store = createFlowStore(flow);
const questionId = flow.nodes.find((node) => node.type === 'question')?.id ?? 'n1';
let keystroke = 0;

describe(`flow problems, ${moduleCount} modules`, () => {
  sampledBench('baseline: JSON.stringify of the flow', () => {
    JSON.stringify(flow);
  });
  sampledBench('findFlowProblems', () => {
    findFlowProblems(flow);
  });
});

describe(`upstream variables, ${moduleCount} modules`, () => {
  sampledBench('baseline: JSON.stringify of the flow', () => {
    JSON.stringify(flow);
  });
  sampledBench('variablesSetUpstream (may and must, every module)', () => {
    // "Must" is worked out on the first question; asking one forces it for every module.
    variablesSetUpstream(flow).mustBeSet(questionId, 'nickname');
  });
});

describe(`one inspector keystroke, ${moduleCount} modules`, () => {
  sampledBench('baseline: copy the node array', () => {
    store.getState().nodes.map((node) => node);
  });
  sampledBench('updateNodeData (with undo grouping and edge check)', () => {
    keystroke += 1;
    store.getState().updateNodeData(questionId, 'question', { prompt: `p${keystroke}` }, 'bench');
  });
});

describe(`autosave serialisation, ${moduleCount} modules`, () => {
  sampledBench('baseline: JSON.stringify of the flow', () => {
    JSON.stringify(flow);
  });
  sampledBench('flowFromCanvas + JSON.stringify', () => {
    JSON.stringify(flowFromCanvas(store.getState()));
  });
});

describe(`import, ${moduleCount} modules`, () => {
  sampledBench('baseline: JSON.parse', () => {
    JSON.parse(flowText);
  });
  sampledBench('parseFlowFile (JSON + schema + graph checks)', () => {
    parseFlowFile(flowText);
  });
});
