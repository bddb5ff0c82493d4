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

export interface ModuleView<Data> {
  /** A short glyph shown on the node and in the palette. */
  icon: string;
  Inspector: ComponentType<InspectorProps<Data>>;
}

/** The React side of the module registry, one entry per kind (see `moduleDefinitions.ts`). */
export const moduleViews: { [K in ModuleKind]: ModuleView<ModuleDataByKind[K]> } = {
  start: { icon: '▶', Inspector: StartInspector },
  message: { icon: '“”', Inspector: MessageInspector },
  question: { icon: '?', Inspector: QuestionInspector },
  'set-variable': { icon: 'x=', Inspector: SetVariableInspector },
  condition: { icon: '◇', Inspector: ConditionInspector },
  'web-service': { icon: '⇄', Inspector: WebServiceInspector },
  end: { icon: '■', Inspector: EndInspector },
};
