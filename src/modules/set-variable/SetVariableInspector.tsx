import { TextField } from '../../panels/fields/TextField';
import type { InspectorProps } from '../InspectorProps';
import { assignmentSchema, type Assignment, type SetVariableData } from './setVariableModule';

export function SetVariableInspector({ data, update }: InspectorProps<SetVariableData>) {
  const replace = (index: number, patch: Partial<Assignment>, field: string) =>
    update(
      {
        assignments: data.assignments.map((assignment, i) =>
          i === index ? { ...assignment, ...patch } : assignment,
        ),
      },
      `assignments.${index}.${field}`,
    );
  return (
    <>
      {data.assignments.map((assignment, index) => (
        <fieldset key={index} className="row-group">
          <legend>Assignment {index + 1}</legend>
          <TextField
            label={`Variable ${index + 1}`}
            value={assignment.variable}
            schema={assignmentSchema.shape.variable}
            onValid={(variable) => replace(index, { variable }, 'variable')}
          />
          <TextField
            label={`Value ${index + 1}`}
            value={assignment.value}
            schema={assignmentSchema.shape.value}
            onValid={(value) => replace(index, { value }, 'value')}
            hint="May contain {{variable}} placeholders."
          />
          <button
            type="button"
            className="link-button"
            onClick={() =>
              update({ assignments: data.assignments.filter((_, i) => i !== index) }, 'assignments')
            }
          >
            Remove assignment {index + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() =>
          update({ assignments: [...data.assignments, { variable: '', value: '' }] }, 'assignments')
        }
      >
        Add assignment
      </button>
    </>
  );
}
