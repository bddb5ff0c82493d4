import { newId } from '../../domain/newId';
import { SelectField } from '../../panels/fields/SelectField';
import { NodeTextField } from '../../panels/fields/NodeTextField';
import type { InspectorProps } from '../InspectorProps';
import {
  conditionOperatorLabels,
  conditionOperators,
  conditionRuleSchema,
  operatorTakesValue,
  type ConditionData,
  type ConditionRule,
} from './conditionModule';

const operatorOptions = conditionOperators.map((value) => ({
  value,
  label: conditionOperatorLabels[value],
}));

export function ConditionInspector({ nodeId, data, update }: InspectorProps<ConditionData>) {
  const replace = (ruleId: string, patch: Partial<ConditionRule>, field: string) =>
    update(
      { rules: data.rules.map((rule) => (rule.id === ruleId ? { ...rule, ...patch } : rule)) },
      `rules.${ruleId}.${field}`,
    );
  return (
    <>
      <p className="muted">
        Rules are checked in order; the first match wins, else the else branch.
      </p>
      {data.rules.map((rule, index) => {
        const number = index + 1;
        return (
          <fieldset key={rule.id} className="row-group">
            <legend>Rule {number}</legend>
            <NodeTextField
              nodeId={nodeId}
              field={`rules.${rule.id}.variable`}
              label={`Rule ${number} variable`}
              value={rule.variable}
              schema={conditionRuleSchema.shape.variable}
              onValid={(variable) => replace(rule.id, { variable }, 'variable')}
            />
            <SelectField
              label={`Rule ${number} operator`}
              value={rule.operator}
              options={operatorOptions}
              onChange={(operator) =>
                update({
                  rules: data.rules.map((other) =>
                    other.id === rule.id ? { ...other, operator } : other,
                  ),
                })
              }
            />
            {operatorTakesValue(rule.operator) && (
              <NodeTextField
                nodeId={nodeId}
                field={`rules.${rule.id}.value`}
                label={`Rule ${number} value`}
                value={rule.value}
                schema={conditionRuleSchema.shape.value}
                onValid={(value) => replace(rule.id, { value }, 'value')}
              />
            )}
            <button
              type="button"
              className="link-button"
              onClick={() => update({ rules: data.rules.filter((other) => other.id !== rule.id) })}
            >
              Remove rule {number}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        onClick={() =>
          update({
            rules: [
              ...data.rules,
              { id: newId('rule'), variable: '', operator: 'equals', value: '' },
            ],
          })
        }
      >
        Add rule
      </button>
    </>
  );
}
