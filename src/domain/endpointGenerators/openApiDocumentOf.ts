import { z } from 'zod';
import {
  platformTimeoutMs,
  webServiceParamsSchema,
  webServiceRequestBodySchema,
} from '../webservice/webServiceContract';
import type { EndpointContract } from './endpointContractOf';
import { functionNameOf } from './nodeEndpointCore';

/** An OpenAPI 3.1 document as plain JSON. */
export type OpenApiDocument = Record<string, unknown>;

const timeLimit = `The platform waits ${platformTimeoutMs / 1000} s for the answer; after that the flow moves on without new variables (the limit cannot be raised). Aim for a few seconds at most.`;

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  // OpenAPI 3.1 already speaks JSON Schema 2020-12: the dialect line would only be noise.
  return Object.fromEntries(
    Object.entries(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' })).filter(
      ([key]) => key !== '$schema',
    ),
  );
}

/** The platform's request to this module: its received variables, every value a string. */
export function requestBodySchemaOf(contract: EndpointContract): z.ZodType {
  const required = new Set(contract.requiredVariables);
  const received = new Set(contract.receivedVariables.map((variable) => variable.name));
  const variables = Object.fromEntries([
    ...contract.receivedVariables.map((variable) => {
      const value = z.string().meta({
        description: `${variable.certainty === 'definitely' ? 'Set on every path to the module' : 'Set on some paths only, or from the customer profile'}${variable.setBy[0] ? ` (by ${variable.setBy[0].name})` : ''}${required.has(variable.name) ? '; required by the endpoint' : ''}.`,
        examples: [variable.sample],
      });
      return [
        variable.name,
        variable.certainty === 'definitely' || required.has(variable.name)
          ? value
          : value.optional(),
      ] as const;
    }),
    // A required variable no module upstream sets: the endpoint still insists on it.
    ...contract.requiredVariables
      .filter((name) => !received.has(name))
      .map(
        (name) =>
          [
            name,
            z
              .string()
              .meta({ description: 'Required by the endpoint; no module upstream sets it.' }),
          ] as const,
      ),
  ]);
  return webServiceRequestBodySchema.extend({
    process_definition_id: z.string().meta({ description: 'The flow.' }),
    process_instance_id: z.string().meta({ description: "One customer's chat." }),
    params: webServiceParamsSchema.meta({ description: 'referrer and user-agent of the chat.' }),
    variables: z.object(variables).catchall(z.string()).meta({
      description: 'Every variable the chat holds, each a string (lists as JSON-encoded strings).',
    }),
  });
}

/** The answer that sets the module's expected variables, as strings. */
export function responseBodySchemaOf(contract: EndpointContract): z.ZodType {
  const variables = Object.fromEntries(
    contract.expectedVariables.map((name) => [name, z.string()] as const),
  );
  return z.object({
    data: z.object({
      variables: z.object(variables).catchall(z.string()).meta({
        description: 'Set in the chat; later modules use them. Values must be strings.',
      }),
    }),
  });
}

const errorBody = {
  'application/json': {
    schema: { type: 'object', properties: { error: { type: 'string' } } },
  },
};

const securitySchemes = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description: "The module's Authorization header: Bearer and the endpoint's token.",
  },
  authorizationHeader: {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description: "The module's Authorization header value.",
  },
};

function operationOf(contract: EndpointContract, operationId: string) {
  const responses: Record<string, unknown> = {
    '200': {
      description: `Sets ${contract.expectedVariables.length ? contract.expectedVariables.join(', ') : 'no variables'} in the chat.`,
      content: { 'application/json': { schema: jsonSchemaOf(responseBodySchemaOf(contract)) } },
    },
  };
  if (contract.requiredVariables.length > 0) {
    responses['400'] = {
      description: `A required variable is missing or empty: ${contract.requiredVariables.join(', ')}.`,
      content: errorBody,
    };
  }
  if (contract.authorization !== 'none') {
    responses['403'] = { description: 'Missing or wrong Authorization.', content: errorBody };
  }
  return {
    operationId,
    summary: `WebService module ${contract.moduleName}`,
    description: [
      `Called by the WebService module "${contract.moduleName}" of the flow "${contract.flowName}".`,
      timeLimit,
      contract.useRequestQueue
        ? 'The module uses the request queue: the call is sent in the background and its answer cannot set variables.'
        : '',
    ]
      .filter(Boolean)
      .join(' '),
    requestBody: {
      required: true,
      content: { 'application/json': { schema: jsonSchemaOf(requestBodySchemaOf(contract)) } },
    },
    responses,
    ...(contract.authorization === 'none'
      ? {}
      : { security: [{ [securitySchemeName(contract)]: [] }] }),
  };
}

function securitySchemeName(contract: EndpointContract): keyof typeof securitySchemes {
  return contract.authorization === 'bearer' ? 'bearerAuth' : 'authorizationHeader';
}

function urlParts(url: string): { origin: string; path: string } | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  return { origin: parsed.origin, path: parsed.pathname || '/' };
}

/**
 * An OpenAPI 3.1 document of the endpoints the given WebService modules call: the request with
 * each module's variables, the answer with its expected variables, the Authorization scheme and
 * the platform's 20 s. Modules without a URL are only named in the description.
 */
export function openApiDocumentOf(
  title: string,
  contracts: readonly EndpointContract[],
): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  const originOfPath = new Map<string, string>();
  const operationIds = new Set<string>();
  const withoutUrl: string[] = [];
  const schemes = new Set<keyof typeof securitySchemes>();
  const single = contracts.length === 1 ? contracts[0] : undefined;
  for (const contract of contracts) {
    const parts = urlParts(contract.url);
    if (!parts && !single) {
      withoutUrl.push(contract.moduleName);
      continue;
    }
    let path = parts?.path ?? '/';
    const origin = parts?.origin ?? '';
    // Another endpoint on another host with the same path: keep both apart.
    if (originOfPath.has(path) && originOfPath.get(path) !== origin) {
      path = `${path} (${new URL(contract.url).host})`;
    }
    if (paths[path]?.post) continue; // The same URL again: one endpoint, described once.
    originOfPath.set(path, origin);
    let operationId = functionNameOf(contract);
    for (let suffix = 2; operationIds.has(operationId); suffix += 1) {
      operationId = `${functionNameOf(contract)}${suffix}`;
    }
    operationIds.add(operationId);
    if (contract.authorization !== 'none') schemes.add(securitySchemeName(contract));
    paths[path] = {
      ...(origin && !single ? { servers: [{ url: origin }] } : {}),
      post: operationOf(contract, operationId),
    };
  }
  const singleOrigin = single ? urlParts(single.url)?.origin : undefined;
  return {
    openapi: '3.1.0',
    info: {
      title,
      version: '1.0.0',
      description: [
        'WebService endpoints of a chat flow, as the platform calls them: one synchronous POST with every chat variable as a string; the answer { "data": { "variables": { … } } } sets variables in the chat.',
        timeLimit,
        single && !singleOrigin ? 'The module has no URL yet.' : '',
        withoutUrl.length ? `Modules without a URL are left out: ${withoutUrl.join(', ')}.` : '',
      ]
        .filter(Boolean)
        .join(' '),
    },
    ...(singleOrigin ? { servers: [{ url: singleOrigin }] } : {}),
    paths,
    ...(schemes.size
      ? {
          components: {
            securitySchemes: Object.fromEntries(
              [...schemes].map((name) => [name, securitySchemes[name]]),
            ),
          },
        }
      : {}),
  };
}
