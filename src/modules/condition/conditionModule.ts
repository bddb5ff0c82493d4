import { z } from 'zod';
import { newId } from '../../domain/newId';
import { optionalVariableNameSchema } from '../../domain/variableNameSchema';
import type { ModuleDefinition, ModuleOutput } from '../ModuleDefinition';
import { moduleTextSchema } from '../../domain/moduleTextSchema';
import { firstRuleThatHolds } from './conditionStep';

export const conditionOperators = [
  'equals',
  'not-equals',
  'contains',
  'greater-than',
  'less-than',
  'is-set',
  'is-not-set',
] as const;
export const conditionOperatorSchema = z.enum(conditionOperators);
export type ConditionOperator = z.output<typeof conditionOperatorSchema>;

export const conditionOperatorLabels: Record<ConditionOperator, string> = {
  equals: 'equals',
  'not-equals': 'not equals',
  contains: 'contains',
  'greater-than': 'greater than',
  'less-than': 'less than',
  'is-set': 'is set',
  'is-not-set': 'is not set',
};

/** Operators that compare against nothing but the variable's presence. */
export function operatorTakesValue(operator: ConditionOperator): boolean {
  return operator !== 'is-set' && operator !== 'is-not-set';
}

export const conditionRuleSchema = z.object({
  id: z
    .string()
    .min(1)
    .default(() => newId('rule')),
  variable: optionalVariableNameSchema.default(''),
  operator: conditionOperatorSchema.default('equals'),
  value: moduleTextSchema.default(''),
});
export type ConditionRule = z.output<typeof conditionRuleSchema>;

export const elseOutputId = 'else';

export const conditionDataSchema = z.object({
  rules: z
    .array(conditionRuleSchema)
    .default([])
    .superRefine((rules, context) => {
      // Rule ids are the node's output handles, next to `else`: they must be told apart.
      const seen = new Set<string>([elseOutputId]);
      rules.forEach((rule, index) => {
        if (seen.has(rule.id)) {
          context.addIssue({
            code: 'custom',
            path: [index, 'id'],
            message:
              rule.id === elseOutputId
                ? `Rule id "${elseOutputId}" is reserved for the else output`
                : `Duplicate rule id "${rule.id}"`,
          });
        }
        seen.add(rule.id);
      });
    }),
});
export type ConditionData = z.output<typeof conditionDataSchema>;

export function describeRule(rule: ConditionRule): string {
  const variable = rule.variable || '?';
  const operator = conditionOperatorLabels[rule.operator];
  return operatorTakesValue(rule.operator)
    ? `${variable} ${operator} ${rule.value || '""'}`
    : `${variable} ${operator}`;
}

export const conditionModule: ModuleDefinition<'condition', ConditionData> = {
  kind: 'condition',
  label: 'Condition',
  description: 'Branches on the first rule that matches, else the else branch',
  dataSchema: conditionDataSchema,
  onePerFlow: false,
  isEntry: false,
  hasInput: true,
  outputs: (data): ModuleOutput[] => [
    ...data.rules.map((rule, index) => ({
      id: rule.id,
      label: rule.variable ? describeRule(rule) : `Rule ${index + 1}`,
    })),
    { id: elseOutputId, label: 'else' },
  ],
  variablesSet: () => [],
  sampleValue: () => '',
  variablesUsed: (data) => data.rules.map((rule) => rule.variable).filter(Boolean),
  searchableTexts: (data) =>
    data.rules
      .filter((rule) => operatorTakesValue(rule.operator))
      .map((rule) => ({ field: 'Rule value', text: rule.value })),
  summary: (data) =>
    data.rules.length === 0
      ? 'No rules: always else'
      : `${data.rules.length} rule${data.rules.length === 1 ? '' : 's'} + else`,
  configurationProblems: (data) =>
    data.rules.flatMap((rule, index) =>
      rule.variable ? [] : [`Rule ${index + 1} has no variable`],
    ),
  step: (data, context) => ({
    kind: 'go-on',
    output: firstRuleThatHolds(data.rules, context)?.id ?? elseOutputId,
  }),
  waitsForCustomer: false,
  longestCustomerWaitMs: () => 0,
};
