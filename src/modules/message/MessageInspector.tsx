import { NodeTextField } from '../../panels/fields/NodeTextField';
import type { InspectorProps } from '../InspectorProps';
import { messageDataSchema, type MessageData } from './messageModule';

export function MessageInspector({ nodeId, data, update }: InspectorProps<MessageData>) {
  return (
    <NodeTextField
      nodeId={nodeId}
      field="text"
      label="Text"
      multiline
      value={data.text}
      schema={messageDataSchema.shape.text}
      onValid={(text) => update({ text }, 'text')}
      hint="Use {{variable}} to insert a variable, e.g. {{firstname}}."
    />
  );
}
