// Every kind's inspector in one chunk, fetched the first time a module is selected
// (see `moduleViews.ts`): the editor opens without them.
export { ConditionInspector } from './condition/ConditionInspector';
export { EndInspector } from './end/EndInspector';
export { MessageInspector } from './message/MessageInspector';
export { QuestionInspector } from './question/QuestionInspector';
export { SetVariableInspector } from './set-variable/SetVariableInspector';
export { StartInspector } from './start/StartInspector';
export { WebServiceInspector } from './web-service/WebServiceInspector';
