import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDemoFlow } from '../createFlows';
import { flowDocumentSchema } from '../flowDocumentSchema';
import { endpointContractOf, type EndpointContract } from './endpointContractOf';
import { openApiDocumentOf } from './openApiDocumentOf';

const at = { x: 0, y: 0 };
const flow = flowDocumentSchema.parse({
  schemaVersion: 1,
  id: 'flow-openapi',
  name: 'Orders',
  nodes: [
    { id: 'start', type: 'start', position: at },
    {
      id: 'ask',
      name: 'Ask order',
      type: 'question',
      position: at,
      data: { prompt: 'Order number?', variable: 'order_number' },
    },
    {
      id: 'lookup',
      name: 'Order lookup',
      type: 'web-service',
      position: at,
      data: {
        url: 'https://api.example.org/orders/lookup',
        authorization: 'Bearer secret',
        expectedVariables: ['order_status', 'delivery_date'],
        requiredVariables: ['order_number'],
      },
    },
    {
      id: 'notify',
      name: 'Notify shop',
      type: 'web-service',
      position: at,
      data: { url: 'https://hooks.example.com/notify', useRequestQueue: true },
    },
    { id: 'draft', name: 'Draft call', type: 'web-service', position: at, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'ask' },
    { id: 'e2', source: 'ask', target: 'lookup' },
    { id: 'e3', source: 'lookup', target: 'notify' },
    { id: 'e4', source: 'notify', target: 'draft' },
  ],
});

function contractOf(nodeId: string): EndpointContract {
  const contract = endpointContractOf(flow, nodeId, flow.name);
  if (!contract) throw new Error(`no WebService ${nodeId}`);
  return contract;
}

async function expectValid(document: Record<string, unknown>) {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(document));
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');
}

const objectSchema = z.object({
  properties: z.record(z.string(), z.unknown()),
  required: z.array(z.string()).default([]),
});
const operationSchema = z.object({
  operationId: z.string(),
  description: z.string(),
  security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
  requestBody: z.object({
    content: z.object({
      'application/json': z.object({
        schema: objectSchema.extend({ properties: z.object({ variables: objectSchema }) }),
      }),
    }),
  }),
  responses: z.record(
    z.string(),
    z.object({
      content: z
        .object({
          'application/json': z.object({
            schema: z.unknown(),
          }),
        })
        .optional(),
    }),
  ),
});
const responseSchema = z.object({
  properties: z.object({
    data: z.object({ properties: z.object({ variables: objectSchema }) }),
  }),
});
const documentSchema = z.object({
  openapi: z.literal('3.1.0'),
  servers: z.array(z.object({ url: z.string() })).optional(),
  paths: z.record(
    z.string(),
    z.object({ servers: z.array(z.object({ url: z.string() })).optional(), post: operationSchema }),
  ),
  components: z.object({ securitySchemes: z.record(z.string(), z.unknown()) }).optional(),
});

describe('the OpenAPI document of one module', () => {
  const document = openApiDocumentOf('Order lookup', [contractOf('lookup')]);

  it('is valid OpenAPI 3.1', async () => {
    await expectValid(document);
  }, 20_000);

  it('round-trips the variables: request, required, expected, Authorization and the 20 s', () => {
    const parsed = documentSchema.parse(JSON.parse(JSON.stringify(document)));
    expect(parsed.servers).toEqual([{ url: 'https://api.example.org' }]);
    const operation = parsed.paths['/orders/lookup']?.post;
    if (!operation) throw new Error('no operation for /orders/lookup');
    const request = operation.requestBody.content['application/json'].schema;
    expect(request.required).toEqual([
      'process_definition_id',
      'process_instance_id',
      'params',
      'variables',
    ]);
    const sent = request.properties.variables;
    const received = contractOf('lookup').receivedVariables.map((variable) => variable.name);
    expect(Object.keys(sent.properties).sort()).toEqual([...received].sort());
    expect(sent.required).toEqual(['order_number']);
    const answer = responseSchema.parse(
      operation.responses['200']?.content?.['application/json'].schema,
    );
    expect(answer.properties.data.properties.variables.required).toEqual([
      'order_status',
      'delivery_date',
    ]);
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '403']);
    expect(operation.security).toEqual([{ bearerAuth: [] }]);
    expect(parsed.components?.securitySchemes).toHaveProperty('bearerAuth');
    expect(operation.description).toContain('20 s');
  });
});

describe('the OpenAPI document of a whole flow', () => {
  const contracts = ['lookup', 'notify', 'draft'].map(contractOf);
  const document = openApiDocumentOf('Orders', contracts);

  it('is valid OpenAPI 3.1, one path per endpoint on its own server', async () => {
    await expectValid(document);
    const parsed = documentSchema.parse(document);
    expect(Object.keys(parsed.paths).sort()).toEqual(['/notify', '/orders/lookup']);
    expect(parsed.paths['/notify']?.servers).toEqual([{ url: 'https://hooks.example.com' }]);
    expect(parsed.paths['/notify']?.post.description).toContain('request queue');
    expect(parsed.paths['/notify']?.post.security).toBeUndefined();
    expect(JSON.stringify(document)).toContain('Modules without a URL are left out: Draft call.');
  }, 20_000);

  it('stays valid for the demo flow and a module without URL on its own', async () => {
    const demo = createDemoFlow('http://127.0.0.1:4173');
    const demoContracts = demo.nodes
      .map((node) => endpointContractOf(demo, node.id, demo.name))
      .filter((contract) => contract !== null);
    expect(demoContracts).toHaveLength(1);
    await expectValid(openApiDocumentOf(demo.name, demoContracts));
    await expectValid(openApiDocumentOf('Draft call', [contractOf('draft')]));
  }, 20_000);
});
