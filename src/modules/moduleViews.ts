import type { LucideIcon } from 'lucide-react';
import {
  Flag,
  MessageCircleQuestionMark,
  MessageSquareText,
  Play,
  Split,
  Variable,
  Webhook,
} from 'lucide-react';
import { lazy, type ComponentType } from 'react';
import type { InspectorProps } from './InspectorProps';
import type { ModuleDataByKind, ModuleKind } from './moduleDefinitions';

type Inspectors = typeof import('./inspectors');

/** A kind's inspector, loaded with all the others the first time one is shown. */
function lazyInspector<K extends ModuleKind>(
  pick: (inspectors: Inspectors) => ComponentType<InspectorProps<ModuleDataByKind[K]>>,
) {
  return lazy(() => import('./inspectors').then((inspectors) => ({ default: pick(inspectors) })));
}

/** A WebService's tools and test bench, fetched the first time one is selected. */
const WebServiceTools = lazy(() =>
  import('../panels/webservice-test/WebServiceTools').then((module) => ({
    default: module.WebServiceTools,
  })),
);

export interface ModuleView<Data> {
  /** The kind's icon: in the palette, on the node and in the inspector. */
  Icon: LucideIcon;
  /** The kind's colour: palette, node accent and MiniMap, so a kind is recognised at a glance. */
  color: string;
  Inspector: ComponentType<InspectorProps<Data>>;
  /**
   * Tools of a selected module, shown as a tab of the tools panel beside the inspector (the
   * WebService test bench). Kinds without tools leave it out. The panel may be lazy: the tools
   * panel shows `Loading the <title>…` meanwhile.
   */
  tools?: { title: string; Panel: ComponentType<{ nodeId: string }> };
}

/** The React side of the module registry, one entry per kind (see `moduleDefinitions.ts`). */
export const moduleViews: { [K in ModuleKind]: ModuleView<ModuleDataByKind[K]> } = {
  start: {
    Icon: Play,
    color: '#2f9e44',
    Inspector: lazyInspector<'start'>((inspectors) => inspectors.StartInspector),
  },
  message: {
    Icon: MessageSquareText,
    color: '#1c7ed6',
    Inspector: lazyInspector<'message'>((inspectors) => inspectors.MessageInspector),
  },
  question: {
    Icon: MessageCircleQuestionMark,
    color: '#7048e8',
    Inspector: lazyInspector<'question'>((inspectors) => inspectors.QuestionInspector),
  },
  'set-variable': {
    Icon: Variable,
    color: '#0c8599',
    Inspector: lazyInspector<'set-variable'>((inspectors) => inspectors.SetVariableInspector),
  },
  condition: {
    Icon: Split,
    color: '#e8590c',
    Inspector: lazyInspector<'condition'>((inspectors) => inspectors.ConditionInspector),
  },
  'web-service': {
    Icon: Webhook,
    color: '#c2255c',
    Inspector: lazyInspector<'web-service'>((inspectors) => inspectors.WebServiceInspector),
    tools: { title: 'Test bench', Panel: WebServiceTools },
  },
  end: {
    Icon: Flag,
    color: '#495057',
    Inspector: lazyInspector<'end'>((inspectors) => inspectors.EndInspector),
  },
};
