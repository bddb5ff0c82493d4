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
import type { ComponentType } from 'react';
import { ConditionInspector } from './condition/ConditionInspector';
import { EndInspector } from './end/EndInspector';
import type { InspectorProps } from './InspectorProps';
import { MessageInspector } from './message/MessageInspector';
import type { ModuleDataByKind, ModuleKind } from './moduleDefinitions';
import { QuestionInspector } from './question/QuestionInspector';
import { SetVariableInspector } from './set-variable/SetVariableInspector';
import { StartInspector } from './start/StartInspector';
import { WebServiceInspector } from './web-service/WebServiceInspector';
import { WebServiceTools } from '../panels/webservice-test/WebServiceTools';

export interface ModuleView<Data> {
  /** The kind's icon: in the palette, on the node and in the inspector. */
  Icon: LucideIcon;
  /** The kind's colour: palette, node accent and MiniMap, so a kind is recognised at a glance. */
  color: string;
  Inspector: ComponentType<InspectorProps<Data>>;
  /**
   * Tools of a selected module, shown as a tab of the tools panel beside the inspector (the
   * WebService test bench). Kinds without tools leave it out.
   */
  tools?: { title: string; Panel: ComponentType<{ nodeId: string }> };
}

/** The React side of the module registry, one entry per kind (see `moduleDefinitions.ts`). */
export const moduleViews: { [K in ModuleKind]: ModuleView<ModuleDataByKind[K]> } = {
  start: { Icon: Play, color: '#2f9e44', Inspector: StartInspector },
  message: { Icon: MessageSquareText, color: '#1c7ed6', Inspector: MessageInspector },
  question: { Icon: MessageCircleQuestionMark, color: '#7048e8', Inspector: QuestionInspector },
  'set-variable': { Icon: Variable, color: '#0c8599', Inspector: SetVariableInspector },
  condition: { Icon: Split, color: '#e8590c', Inspector: ConditionInspector },
  'web-service': {
    Icon: Webhook,
    color: '#c2255c',
    Inspector: WebServiceInspector,
    tools: { title: 'Test bench', Panel: WebServiceTools },
  },
  end: { Icon: Flag, color: '#495057', Inspector: EndInspector },
};
