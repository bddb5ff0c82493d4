import { z } from 'zod';
import { variableNameSchema } from '../../domain/variableNameSchema';
import { singleOutput, type ModuleDefinition } from '../ModuleDefinition';
import { moduleTextSchema } from '../../domain/moduleTextSchema';
import { platformTimeoutMs } from '../../domain/webservice/webServiceContract';
import { webServiceStep } from './webServiceStep';

const urlMessage = 'Enter a full http:// or https:// URL';

export const webServiceUrlSchema = z.union(
  [z.literal(''), z.url({ protocol: /^https?$/, error: urlMessage })],
  { error: urlMessage },
);

/** A list of variable names where each name may appear once, with the duplicates named. */
const variableNameListSchema = z
  .array(variableNameSchema)
  .refine((names) => new Set(names).size === names.length, {
    error: (issue) => {
      const names = Array.isArray(issue.input) ? issue.input : [];
      const twice = names.filter((name, index) => names.indexOf(name) !== index);
      return `Listed twice: ${[...new Set(twice)].join(', ')}`;
    },
  });

export const webServiceDataSchema = z.object({
  url: webServiceUrlSchema.default(''),
  authorization: moduleTextSchema.default(''),
  useRequestQueue: z.boolean().default(false),
  expectedVariables: variableNameListSchema.default([]),
  /**
   * Variables the endpoint cannot work without: a generated endpoint answers 400 naming the
   * first one missing. Only the author's statement; the platform itself knows no such thing.
   */
  requiredVariables: variableNameListSchema.default([]),
});
export type WebServiceData = z.output<typeof webServiceDataSchema>;

/** `POST host/path` as the canvas shows it, or `No URL`. */
export function describeWebServiceTarget(url: string): string {
  if (!url) return 'No URL';
  if (!URL.canParse(url)) return `POST ${url}`;
  const parsed = new URL(url);
  const path = parsed.pathname === '/' ? '' : parsed.pathname;
  return `POST ${parsed.host}${path}`;
}

export const webServiceModule: ModuleDefinition<'web-service', WebServiceData> = {
  kind: 'web-service',
  label: 'WebService',
  description: 'POSTs all variables to your API and takes back data.variables',
  dataSchema: webServiceDataSchema,
  onePerFlow: false,
  isEntry: false,
  hasInput: true,
  outputs: () => singleOutput,
  variablesSet: (data) => data.expectedVariables,
  sampleValue: (_data, variable) => `sample ${variable}`,
  calledUrl: (data) => data.url,
  variablesUsed: () => [],
  searchableTexts: (data) => [{ field: 'URL', text: data.url }],
  summary: (data) => describeWebServiceTarget(data.url),
  configurationProblems: (data) => (data.url ? [] : ['WebService has no URL']),
  step: webServiceStep,
  waitsForCustomer: false,
  // Queued requests do not hold the chat; others may until the platform gives up.
  longestCustomerWaitMs: (data) => (data.useRequestQueue ? 0 : platformTimeoutMs),
};
