import { addableModuleKinds } from '../domain/addableModuleKinds';
import { describe, expect, it } from 'vitest';
import { describeNode } from '../domain/describeNode';
import {
  defaultDataOf,
  flowNodeSchema,
  isModuleKind,
  moduleDefinitions,
  moduleKinds,
  type ModuleKind,
} from './moduleDefinitions';
import { conditionModule } from './condition/conditionModule';
import { messageModule } from './message/messageModule';
import { questionModule } from './question/questionModule';
import { setVariableModule } from './set-variable/setVariableModule';
import { webServiceModule } from './web-service/webServiceModule';

function outputsOfDefault<K extends ModuleKind>(kind: K) {
  return moduleDefinitions[kind].outputs(defaultDataOf(kind));
}

const question = (data: object) => questionModule.dataSchema.parse(data);
const setVariable = (data: object) => setVariableModule.dataSchema.parse(data);
const condition = (data: object) => conditionModule.dataSchema.parse(data);
const webService = (data: object) => webServiceModule.dataSchema.parse(data);
const message = (data: object) => messageModule.dataSchema.parse(data);

describe('moduleDefinitions', () => {
  it('registers exactly the seven module kinds', () => {
    expect([...moduleKinds].sort()).toEqual(
      ['condition', 'end', 'message', 'question', 'set-variable', 'start', 'web-service'].sort(),
    );
  });

  it.each(moduleKinds)('has a %s definition registered under its own kind', (kind) => {
    expect(moduleDefinitions[kind].kind).toBe(kind);
    expect(moduleDefinitions[kind].label).not.toBe('');
  });

  /** Defaults may hold fresh row ids (set-variable assignments); compare the rest. */
  const withoutRowIds = (data: unknown): string =>
    JSON.stringify(data).replace(/"id":"assignment-[^"]+"/g, '"id":"<new>"');

  it.each(moduleKinds)('fills in every %s data field from an empty object', (kind) => {
    expect(() => moduleDefinitions[kind].dataSchema.parse({})).not.toThrow();
    expect(withoutRowIds(defaultDataOf(kind))).toEqual(
      withoutRowIds(moduleDefinitions[kind].dataSchema.parse({})),
    );
  });

  it.each(moduleKinds)('parses a %s file node whose data is omitted', (kind) => {
    const parsed = flowNodeSchema.parse({ id: 'n', type: kind, position: { x: 1, y: 2 } });

    expect(parsed.type).toBe(kind);
    expect(withoutRowIds(parsed.data)).toEqual(withoutRowIds(defaultDataOf(kind)));
  });

  it('offers every kind except Start in the palette, and Start only to a flow without one', () => {
    const withStart = addableModuleKinds([{ type: 'start' }, { type: 'message' }]);
    const withoutStart = addableModuleKinds([{ type: 'message' }]);

    expect(withStart).toEqual(moduleKinds.filter((kind) => kind !== 'start'));
    expect(withoutStart).toEqual(moduleKinds);
  });

  it('gives every kind except Start an input', () => {
    const withoutInput = moduleKinds.filter((kind) => !moduleDefinitions[kind].hasInput);

    expect(withoutInput).toEqual(['start']);
  });

  it('tells module kinds from other strings', () => {
    expect(isModuleKind('web-service')).toBe(true);
    expect(isModuleKind('webservice')).toBe(false);
    expect(isModuleKind('toString')).toBe(false);
    expect(isModuleKind(undefined)).toBe(false);
  });

  describe('outputs', () => {
    it('gives a condition one output per rule, in order, plus else', () => {
      const data = condition({
        rules: [
          { id: 'gold', variable: 'tier', operator: 'equals', value: 'gold' },
          { id: 'known', variable: 'email', operator: 'is-set' },
        ],
      });

      expect(conditionModule.outputs(data)).toEqual([
        { id: 'gold', label: 'tier equals gold' },
        { id: 'known', label: 'email is set' },
        { id: 'else', label: 'else' },
      ]);
    });

    it('gives a condition without rules only else', () => {
      expect(outputsOfDefault('condition')).toEqual([{ id: 'else', label: 'else' }]);
    });

    it('gives End no outputs', () => {
      expect(outputsOfDefault('end')).toEqual([]);
    });

    it.each(moduleKinds.filter((kind) => kind !== 'condition' && kind !== 'end'))(
      'gives %s exactly one output, "out"',
      (kind) => {
        expect(outputsOfDefault(kind)).toEqual([{ id: 'out', label: '' }]);
      },
    );
  });

  describe('variablesSet', () => {
    it('is the variable a question stores its answer in', () => {
      expect(questionModule.variablesSet(question({ variable: 'nps_score' }))).toEqual([
        'nps_score',
      ]);
      expect(questionModule.variablesSet(question({}))).toEqual([]);
    });

    it('is every named assignment of a set-variable module', () => {
      const data = setVariable({
        assignments: [
          { variable: 'coupon_code', value: 'X1' },
          { variable: '', value: 'ignored' },
          { variable: 'channel', value: 'chat' },
        ],
      });

      expect(setVariableModule.variablesSet(data)).toEqual(['coupon_code', 'channel']);
    });

    it('is the expected variables of a WebService', () => {
      const data = webService({ expectedVariables: ['firstname', 'customer_tier'] });

      expect(webServiceModule.variablesSet(data)).toEqual(['firstname', 'customer_tier']);
    });

    it.each(['start', 'message', 'condition', 'end'] as const)('is nothing for %s', (kind) => {
      expect(describeNode({ type: kind, data: defaultDataOf(kind) }).variablesSet).toEqual([]);
    });
  });

  describe('variablesUsed', () => {
    it('is the placeholders of a message text', () => {
      expect(
        messageModule.variablesUsed(message({ text: 'Hi {{firstname}}, {{ tier }}!' })),
      ).toEqual(['firstname', 'tier']);
    });

    it('is the placeholders of a question prompt', () => {
      expect(questionModule.variablesUsed(question({ prompt: 'Still {{email}}?' }))).toEqual([
        'email',
      ]);
    });

    it('is the variables a condition checks', () => {
      const data = condition({ rules: [{ variable: 'tier' }, { variable: '' }] });

      expect(conditionModule.variablesUsed(data)).toEqual(['tier']);
    });

    it('is the placeholders in the values a set-variable module assigns', () => {
      const data = setVariable({
        assignments: [{ variable: 'greeting', value: 'Hi {{firstname}}' }],
      });

      expect(setVariableModule.variablesUsed(data)).toEqual(['firstname']);
    });
  });

  describe('summary', () => {
    it.each([
      ['http://127.0.0.1:4173/demo/crm-lookup', 'POST 127.0.0.1:4173/demo/crm-lookup'],
      ['https://api.example.org/', 'POST api.example.org'],
      ['https://api.example.org/v1/hook?key=1', 'POST api.example.org/v1/hook'],
      ['', 'No URL'],
    ])('shows the WebService target %j as %j', (url, summary) => {
      expect(webServiceModule.summary(webService({ url }))).toBe(summary);
    });

    it('counts condition rules', () => {
      expect(conditionModule.summary(condition({}))).toBe('No rules: always else');
      expect(conditionModule.summary(condition({ rules: [{ variable: 'a' }] }))).toBe(
        '1 rule + else',
      );
      expect(
        conditionModule.summary(condition({ rules: [{ variable: 'a' }, { variable: 'b' }] })),
      ).toBe('2 rules + else');
    });

    it('shows a question by its input type and prompt', () => {
      expect(questionModule.summary(question({ inputType: 'nps', prompt: 'Recommend us?' }))).toBe(
        'NPS (0–10): Recommend us?',
      );
      expect(questionModule.summary(question({}))).toBe('Text: no prompt yet');
    });

    it('shows the assignments of a set-variable module', () => {
      expect(
        setVariableModule.summary(
          setVariable({ assignments: [{ variable: 'a', value: '1' }, { variable: 'b' }] }),
        ),
      ).toBe('a ← 1, b ← ""');
      expect(setVariableModule.summary(setVariable({}))).toBe('No assignments');
    });
  });

  describe('configurationProblems', () => {
    it('reports a WebService without URL', () => {
      expect(webServiceModule.configurationProblems(webService({}))).toEqual([
        'WebService has no URL',
      ]);
      expect(
        webServiceModule.configurationProblems(webService({ url: 'https://example.org/hook' })),
      ).toEqual([]);
    });

    it('reports a single-choice question without options', () => {
      const data = question({
        prompt: 'Pick one',
        variable: 'choice',
        inputType: 'single-choice',
        options: ['  '],
      });

      expect(questionModule.configurationProblems(data)).toEqual([
        'Single-choice question has no options',
      ]);
    });

    it('reports which condition rule has no variable', () => {
      const data = condition({ rules: [{ variable: 'tier' }, { variable: '' }] });

      expect(conditionModule.configurationProblems(data)).toEqual(['Rule 2 has no variable']);
    });
  });

  describe('describeNode', () => {
    it('collects what the registry says about one node', () => {
      const facts = describeNode({
        type: 'question',
        data: question({ prompt: 'Email?', variable: 'email', inputType: 'email' }),
      });

      expect(facts).toEqual({
        label: 'Question',
        summary: 'Email: Email?',
        hasInput: true,
        outputs: [{ id: 'out', label: '' }],
        variablesSet: ['email'],
        variablesUsed: [],
        configurationProblems: [],
      });
    });
  });
});
