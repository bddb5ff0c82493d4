import { z } from 'zod';
import { CheckboxField } from '../../panels/fields/CheckboxField';
import { NodeTextField } from '../../panels/fields/NodeTextField';
import type { InspectorProps } from '../InspectorProps';
import { webServiceDataSchema, type WebServiceData } from './webServiceModule';

const variableListText = z.string().transform((text) => text.split(/[\s,]+/).filter(Boolean));
const expectedVariablesTextSchema = variableListText.pipe(
  webServiceDataSchema.shape.expectedVariables.unwrap(),
);
const requiredVariablesTextSchema = variableListText.pipe(
  webServiceDataSchema.shape.requiredVariables.unwrap(),
);

export function WebServiceInspector({ nodeId, data, update }: InspectorProps<WebServiceData>) {
  return (
    <>
      <NodeTextField
        nodeId={nodeId}
        field="url"
        invalidProblem="URL is not a valid http(s) address"
        label="URL"
        type="url"
        value={data.url}
        schema={webServiceDataSchema.shape.url}
        onValid={(url) => update({ url }, 'url')}
        placeholder="https://example.org/api/hook"
        hint="The platform POSTs all chat variables here."
      />
      <NodeTextField
        nodeId={nodeId}
        field="authorization"
        label="Authorization header"
        value={data.authorization}
        schema={webServiceDataSchema.shape.authorization}
        onValid={(authorization) => update({ authorization }, 'authorization')}
        placeholder="Bearer …"
        hint="Sent as the Authorization header when set."
      />
      <CheckboxField
        label="Use request queue"
        checked={data.useRequestQueue}
        onChange={(useRequestQueue) => update({ useRequestQueue })}
        hint={
          data.useRequestQueue
            ? 'Queued requests run in the background: at runtime the response cannot set variables.'
            : 'The chat waits up to 20 s for the response, then moves on without it.'
        }
      />
      <NodeTextField
        nodeId={nodeId}
        field="expectedVariables"
        label="Expected variables"
        value={data.expectedVariables.join(', ')}
        schema={expectedVariablesTextSchema}
        format={(names) => names.join(', ')}
        onValid={(expectedVariables) => update({ expectedVariables }, 'expectedVariables')}
        placeholder="firstname, customer_tier"
        hint="Variables your endpoint returns in data.variables; later modules may use them."
      />
      <NodeTextField
        nodeId={nodeId}
        field="requiredVariables"
        label="Required variables"
        value={data.requiredVariables.join(', ')}
        schema={requiredVariablesTextSchema}
        format={(names) => names.join(', ')}
        onValid={(requiredVariables) => update({ requiredVariables }, 'requiredVariables')}
        placeholder="email"
        hint="Variables your endpoint cannot work without: a generated endpoint answers 400 naming the one missing."
      />
    </>
  );
}
