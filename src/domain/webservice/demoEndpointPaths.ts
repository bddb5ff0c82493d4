/**
 * Endpoints the app's own server answers in the author's place (src/server/demo), so the demo
 * flow and the test bench work without a real API.
 */
export const demoCrmLookupPath = '/demo/crm-lookup';
export const demoSlowPath = '/demo/slow';
export const demoBrokenPath = '/demo/broken';

export const demoEndpointPaths: readonly string[] = [
  demoCrmLookupPath,
  demoSlowPath,
  demoBrokenPath,
];
