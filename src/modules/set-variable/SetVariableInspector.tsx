import { CheckboxField } from '../../panels/fields/CheckboxField';
import { NodeTextField } from '../../panels/fields/NodeTextField';
import type { InspectorProps } from '../InspectorProps';
import {
  assignmentSchema,
  emptyAssignment,
  type Assignment,
  type SetVariableData,
} from './setVariableModule';

export function SetVariableInspector({ nodeId, data, update }: InspectorProps<SetVariableData>) {
  const replace = (assignmentId: string, patch: Partial<Assignment>, field?: string) =>
    update(
      {
        assignments: data.assignments.map((assignment) =>
          assignment.id === assignmentId ? { ...assignment, ...patch } : assignment,
        ),
      },
      field && `assignments.${assignmentId}.${field}`,
    );
  return (
    <>
      {data.assignments.map((assignment, index) => (
        <fieldset key={assignment.id} className="row-group">
          <legend>Assignment {index + 1}</legend>
          <NodeTextField
            nodeId={nodeId}
            field={`assignments.${assignment.id}.variable`}
            label={`Variable ${index + 1}`}
            value={assignment.variable}
            schema={assignmentSchema.shape.variable}
            onValid={(variable) => replace(assignment.id, { variable }, 'variable')}
          />
          <NodeTextField
            nodeId={nodeId}
            field={`assignments.${assignment.id}.value`}
            label={`Value ${index + 1}`}
            value={assignment.value}
            schema={assignmentSchema.shape.value}
            onValid={(value) => replace(assignment.id, { value }, 'value')}
            hint="May contain {{variable}} placeholders."
          />
          <CheckboxField
            label="Personal data"
            checked={assignment.personalData}
            onChange={(personalData) => replace(assignment.id, { personalData })}
            hint="The value identifies or describes the customer; the Privacy report tracks where it goes."
          />
          <button
            type="button"
            className="link-button"
            onClick={() =>
              update({
                assignments: data.assignments.filter((other) => other.id !== assignment.id),
              })
            }
          >
            Remove assignment {index + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() =>
          update({
            assignments: [...data.assignments, emptyAssignment()],
          })
        }
      >
        Add assignment
      </button>
    </>
  );
}
