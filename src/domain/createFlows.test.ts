import { describe, expect, it } from 'vitest';
import { createDemoFlow, createEmptyFlow, demoFlowName } from './createFlows';
import { flowDocumentSchema } from './flowDocumentSchema';

describe('createEmptyFlow', () => {
  it('holds only a Start module, under the given name', () => {
    const flow = createEmptyFlow('Onboarding');

    expect(flow.name).toBe('Onboarding');
    expect(flow.nodes.map((node) => node.type)).toEqual(['start']);
    expect(flow.edges).toEqual([]);
    expect(flowDocumentSchema.parse(flow)).toEqual(flow);
  });

  it('gives every new flow its own id', () => {
    expect(createEmptyFlow('A').id).not.toBe(createEmptyFlow('A').id);
  });
});

describe('createDemoFlow', () => {
  it('is a valid flow file under the demo name', () => {
    const flow = createDemoFlow('http://127.0.0.1:4173');

    expect(flow.name).toBe(demoFlowName);
    expect(flowDocumentSchema.parse(flow)).toEqual(flow);
  });

  it('calls the demo endpoint of the origin the app is served from', () => {
    const flow = createDemoFlow('http://localhost:5173');
    const webService = flow.nodes.find((node) => node.type === 'web-service');

    expect(webService?.type === 'web-service' && webService.data.url).toBe(
      'http://localhost:5173/demo/crm-lookup',
    );
  });
});
