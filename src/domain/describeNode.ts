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

/** What the registry says about one node, for whichever kind it is. */
export function describeNode<K extends ModuleKind>(node: {
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
