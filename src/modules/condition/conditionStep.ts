import type { StepContext } from '../../domain/flowRunner/moduleStep';
import type { ConditionRule } from './conditionModule';

/**
 * The first rule that holds for the chat's variables, as the platform checks them: strings
 * compared as they are, numbers only when both sides are numbers (else false, with a note),
 * `is set` meaning non-empty. Null when none holds: the chat takes `else`.
 */
export function firstRuleThatHolds(
  rules: readonly ConditionRule[],
  context: Pick<StepContext, 'variables' | 'note'>,
): ConditionRule | null {
  for (const [index, rule] of rules.entries()) {
    if (!rule.variable) {
      context.note(`Rule ${index + 1} has no variable, so it never holds.`, 'warning');
      continue;
    }
    const value = Object.hasOwn(context.variables, rule.variable)
      ? (context.variables[rule.variable] ?? '')
      : '';
    if (ruleHolds(rule, value, (text) => context.note(`Rule ${index + 1}: ${text}`, 'warning'))) {
      return rule;
    }
  }
  return null;
}

function ruleHolds(rule: ConditionRule, value: string, note: (text: string) => void): boolean {
  switch (rule.operator) {
    case 'equals':
      return value === rule.value;
    case 'not-equals':
      return value !== rule.value;
    case 'contains':
      return value.includes(rule.value);
    case 'greater-than':
    case 'less-than': {
      const left = numberOf(value);
      const right = numberOf(rule.value);
      if (left === null || right === null) {
        const notNumber = left === null ? `${rule.variable} is "${value}"` : `"${rule.value}"`;
        note(`${notNumber}, not a number, so the comparison does not hold.`);
        return false;
      }
      return rule.operator === 'greater-than' ? left > right : left < right;
    }
    case 'is-set':
      return value !== '';
    case 'is-not-set':
      return value === '';
  }
}

function numberOf(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : null;
}
