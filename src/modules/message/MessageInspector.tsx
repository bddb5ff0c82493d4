import { TextField } from '../../panels/fields/TextField';
import type { InspectorProps } from '../InspectorProps';
import { messageDataSchema, type MessageData } from './messageModule';

export function MessageInspector({ data, update }: InspectorProps<MessageData>) {
  return (
    <TextField
      label="Text"
      multiline
      value={data.text}
      schema={messageDataSchema.shape.text}
      onValid={(text) => update({ text }, 'text')}
      hint="Use {{variable}} to insert a variable, e.g. {{firstname}}."
    />
  );
}
