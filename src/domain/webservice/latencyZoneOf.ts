import { comfortableLatencyMs, platformTimeoutMs } from './webServiceContract';

export type LatencyZone = 'fine' | 'slow' | 'timeout';

/** What a response time means for a customer in the chat, by the platform's thresholds. */
export function latencyZoneOf(latencyMs: number): LatencyZone {
  if (latencyMs <= comfortableLatencyMs) return 'fine';
  if (latencyMs < platformTimeoutMs) return 'slow';
  return 'timeout';
}

export const latencyZoneDescriptions: Record<LatencyZone, string> = {
  fine: 'Responds within a few seconds: the chat flows on.',
  slow: 'Slow: the customer watches a typing indicator until it answers.',
  timeout: 'Timeout: after 20 s the platform gives up and the flow proceeds without new variables.',
};
