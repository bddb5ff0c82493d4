import { describe, expect, it } from 'vitest';
import { flowNodeSchema } from '../modules/moduleDefinitions';
import { estimatedModuleSize, moduleBox } from './moduleBoxes';

describe('estimatedModuleSize', () => {
  const question = flowNodeSchema.parse({
    id: 'ask',
    type: 'question',
    position: { x: 0, y: 0 },
    data: { prompt: 'How likely are you to recommend us?', variable: 'nps_score' },
  });

  it('gives the same size each time a module is asked about', () => {
    expect(estimatedModuleSize(question)).toEqual(estimatedModuleSize({ ...question }));
    expect(estimatedModuleSize(question).width).toBe(moduleBox.width);
  });

  it('follows a new name of the same configuration', () => {
    const unnamed = estimatedModuleSize(question);
    const named = estimatedModuleSize({ ...question, name: 'Ask for the score' });
    const longName = estimatedModuleSize({
      ...question,
      name: 'Ask how likely the customer is to recommend us',
    });
    expect(named.height).toBe(unnamed.height + moduleBox.namedHeaderExtra);
    expect(longName.height).toBe(named.height + moduleBox.longNameExtra);
    expect(estimatedModuleSize(question)).toEqual(unnamed);
  });
});
