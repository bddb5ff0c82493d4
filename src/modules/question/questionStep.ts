import type { AnswerCheck, ModuleStep } from '../../domain/flowRunner/moduleStep';
import type { QuestionData } from './questionModule';

const npsScores = Array.from({ length: 11 }, (_, score) => String(score));
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const numberPattern = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** Asks the prompt and waits; the answer is checked by the question's input type. */
export const questionStep: ModuleStep<QuestionData> = (data, context) => ({
  kind: 'ask',
  question: {
    prompt: context.fill(data.prompt),
    variable: data.variable,
    inputType: data.inputType,
    choices: choicesOf(data),
    check: (answer) => checkAnswer(data, answer),
  },
});

/** The quick replies a customer gets: NPS scores or the author's options. */
export function choicesOf(data: QuestionData): string[] {
  if (data.inputType === 'nps') return npsScores;
  if (data.inputType === 'single-choice') return data.options.filter((option) => option.trim());
  return [];
}

/** Whether the platform accepts `answer` for this question, and the string it stores. */
export function checkAnswer(data: QuestionData, answer: string): AnswerCheck {
  const trimmed = answer.trim();
  if (trimmed === '') return { ok: false, problem: 'Please type an answer.' };
  switch (data.inputType) {
    case 'text':
      return { ok: true, value: trimmed };
    case 'email':
      return emailPattern.test(trimmed)
        ? { ok: true, value: trimmed }
        : { ok: false, problem: 'Please enter a valid email address, like name@example.org.' };
    case 'number':
      return numberPattern.test(trimmed)
        ? { ok: true, value: trimmed }
        : { ok: false, problem: 'Please enter a number.' };
    case 'nps':
      return npsScores.includes(trimmed)
        ? { ok: true, value: trimmed }
        : { ok: false, problem: 'Please choose a whole number from 0 to 10.' };
    case 'single-choice': {
      const choices = choicesOf(data);
      const chosen =
        choices.find((option) => option.trim() === trimmed) ??
        choices.find((option) => option.trim().toLowerCase() === trimmed.toLowerCase());
      return chosen === undefined
        ? { ok: false, problem: `Please choose one of: ${choices.join(', ')}.` }
        : { ok: true, value: chosen };
    }
  }
}
