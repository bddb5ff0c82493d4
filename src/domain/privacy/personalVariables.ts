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

let remembered: { graph: FlowGraph; personal: PersonalVariables } | null = null;

/**
 * `classifyPersonalVariables`, shared by the problems check and the privacy panels: worked out
 * again only when a module, its name or what it marks as personal changed (not for a new URL).
 */
export function personalVariablesOf(graph: FlowGraph): PersonalVariables {
  if (remembered === null || !samePersonalSettings(remembered.graph, graph)) {
    remembered = { graph, personal: classifyPersonalVariables(graph) };
  } else if (remembered.graph !== graph) {
    remembered = { graph, personal: remembered.personal };
  }
  return remembered.personal;
}

function samePersonalSettings(before: FlowGraph, after: FlowGraph): boolean {
  if (before === after) return true;
  if (before.nodes.length !== after.nodes.length) return false;
  return before.nodes.every((node, index) => {
    const other = after.nodes[index];
    if (other === undefined || node.id !== other.id || node.type !== other.type) return false;
    if (node.name !== other.name) return false;
    if (node.data === other.data) return true;
    const settingsBefore = personalSettingsOf(node);
    const settingsAfter = personalSettingsOf(other);
    return (
      settingsBefore.length === settingsAfter.length &&
      settingsBefore.every(
        (setting, position) =>
          setting.variable === settingsAfter[position]?.variable &&
          setting.because === settingsAfter[position].because,
      )
    );
  });
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
