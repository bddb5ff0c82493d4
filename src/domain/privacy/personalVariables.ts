import { customerVariables, type PersonalDataCategory } from '../customerVariables';
import type { FlowGraph } from '../flowGraph';
import { moduleDisplayName } from '../moduleDisplayName';
import {
  moduleDefinitions,
  type ModuleDataByKind,
  type ModuleKind,
} from '../../modules/moduleDefinitions';
import type { PersonalVariableSetting } from '../../modules/ModuleDefinition';

/** Why a variable counts as personal data. */
export type PersonalReason =
  | { kind: 'customer-profile'; category: PersonalDataCategory }
  | { kind: PersonalVariableSetting['because']; nodeId: string; nodeName: string };

/** The flow's personal variables, worked out once per flow. */
export interface PersonalVariables {
  /** Every personal variable by name, with each reason it is personal. */
  reasons: ReadonlyMap<string, readonly PersonalReason[]>;
  /** Personal customer profile fields: the platform sends them with every call. */
  customerFields: readonly string[];
  /** Personal variables modules of this flow set: sent by the calls after such a module. */
  setInFlow: ReadonlySet<string>;
}

/** The variables a module marks as personal, and why. */
export function personalSettingsOf<K extends ModuleKind>(node: {
  type: K;
  data: ModuleDataByKind[K];
}): PersonalVariableSetting[] {
  return moduleDefinitions[node.type].personalVariables?.(node.data) ?? [];
}

/**
 * Classes the flow's variables: the customer profile's personal fields, email answers, and
 * answers or assignments the author marked `Personal data`. Linear in the number of modules.
 */
export function classifyPersonalVariables(graph: FlowGraph): PersonalVariables {
  const reasons = new Map<string, PersonalReason[]>();
  const add = (name: string, reason: PersonalReason) => {
    const list = reasons.get(name);
    if (list) list.push(reason);
    else reasons.set(name, [reason]);
  };
  const customerFields: string[] = [];
  for (const field of customerVariables) {
    if (field.personal === null) continue;
    customerFields.push(field.name);
    add(field.name, { kind: 'customer-profile', category: field.personal });
  }
  const setInFlow = new Set<string>();
  for (const node of graph.nodes) {
    for (const { variable, because } of personalSettingsOf(node)) {
      setInFlow.add(variable);
      add(variable, { kind: because, nodeId: node.id, nodeName: moduleDisplayName(node) });
    }
  }
  return { reasons, customerFields, setInFlow };
}

/** `customer profile (address)`, `email question (Ask for email)`, `marked Personal data (Save card)`. */
export function describePersonalReason(reason: PersonalReason): string {
  switch (reason.kind) {
    case 'customer-profile':
      return `customer profile (${reason.category})`;
    case 'email-question':
      return `email question (${reason.nodeName})`;
    case 'marked-personal':
      return `marked Personal data (${reason.nodeName})`;
  }
}

/** Every reason of one variable, in one line. */
export function describePersonalReasons(reasons: readonly PersonalReason[]): string {
  return [...new Set(reasons.map(describePersonalReason))].join('; ');
}
