import { z } from 'zod';
import { CheckboxField } from '../../panels/fields/CheckboxField';
import { SelectField } from '../../panels/fields/SelectField';
import { NodeTextField } from '../../panels/fields/NodeTextField';
import type { InspectorProps } from '../InspectorProps';
import {
  questionDataSchema,
  questionInputTypeLabels,
  questionInputTypes,
  type QuestionData,
} from './questionModule';

const inputTypeOptions = questionInputTypes.map((value) => ({
  value,
  label: questionInputTypeLabels[value],
}));

const optionsTextSchema = z.string().transform((text) => text.split('\n'));

export function QuestionInspector({ nodeId, data, update }: InspectorProps<QuestionData>) {
  return (
    <>
      <NodeTextField
        nodeId={nodeId}
        field="prompt"
        label="Prompt"
        multiline
        value={data.prompt}
        schema={questionDataSchema.shape.prompt}
        onValid={(prompt) => update({ prompt }, 'prompt')}
      />
      <NodeTextField
        nodeId={nodeId}
        field="variable"
        label="Variable"
        value={data.variable}
        schema={questionDataSchema.shape.variable}
        onValid={(variable) => update({ variable }, 'variable')}
        placeholder="e.g. nps_score"
        hint="The answer is stored in this variable, as a string."
      />
      <SelectField
        label="Input type"
        value={data.inputType}
        options={inputTypeOptions}
        onChange={(inputType) => update({ inputType })}
      />
      {data.inputType === 'single-choice' && (
        <NodeTextField
          nodeId={nodeId}
          field="options"
          label="Options (one per line)"
          multiline
          value={data.options.join('\n')}
          schema={optionsTextSchema}
          format={(options) => options.join('\n')}
          onValid={(options) => update({ options }, 'options')}
        />
      )}
      <CheckboxField
        label="Personal data"
        checked={data.personalData || data.inputType === 'email'}
        disabled={data.inputType === 'email'}
        onChange={(personalData) => update({ personalData })}
        hint={
          data.inputType === 'email'
            ? 'An email address is always personal data.'
            : 'The answer identifies or describes the customer; the Privacy report tracks where it goes.'
        }
      />
    </>
  );
}
