import {
  moduleDefinitions,
  type ModuleDataByKind,
  type ModuleKind,
} from '../modules/moduleDefinitions';
import type { ModuleOutput } from '../modules/ModuleDefinition';

export interface NodeFacts {
  label: string;
  summary: string;
  hasInput: boolean;
  outputs: ModuleOutput[];
  variablesSet: string[];
  variablesUsed: string[];
  configurationProblems: string[];
}

/**
 * Facts by configuration object. Configurations are immutable (every edit makes a new one), so
 * the analyses that run on each change of a large flow describe only the modules that changed.
 */
const factsByData = new WeakMap<object, { type: ModuleKind; facts: NodeFacts }>();

/**
 * What the registry says about one node, for whichever kind it is. The answer is shared by
 * every caller that asks about the same configuration: read it, never change it.
 */
export function describeNode<K extends ModuleKind>(node: {
  type: K;
  data: ModuleDataByKind[K];
}): NodeFacts {
  const known = factsByData.get(node.data);
  if (known?.type === node.type) return known.facts;
  const facts = describeUncached(node);
  factsByData.set(node.data, { type: node.type, facts });
  return facts;
}

function describeUncached<K extends ModuleKind>(node: {
  type: K;
  data: ModuleDataByKind[K];
}): NodeFacts {
  const definition = moduleDefinitions[node.type];
  return {
    label: definition.label,
    summary: definition.summary(node.data),
    hasInput: definition.hasInput,
    outputs: definition.outputs(node.data),
    variablesSet: definition.variablesSet(node.data),
    variablesUsed: definition.variablesUsed(node.data),
    configurationProblems: definition.configurationProblems(node.data),
  };
}
