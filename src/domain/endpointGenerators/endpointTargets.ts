import { awsLambdaFunction } from './awsLambdaFunction';
import { azureFunction } from './azureFunction';
import type { EndpointTarget } from './EndpointTarget';
import { googleCloudFunction } from './googleCloudFunction';

export const endpointTargetIds = [
  'google-cloud-functions',
  'aws-lambda',
  'azure-functions',
] as const;
export type EndpointTargetId = (typeof endpointTargetIds)[number];

/** Every platform an endpoint can be generated for; a Python target is one more entry. */
export const endpointTargets = {
  'google-cloud-functions': googleCloudFunction,
  'aws-lambda': awsLambdaFunction,
  'azure-functions': azureFunction,
} satisfies Record<EndpointTargetId, EndpointTarget>;
