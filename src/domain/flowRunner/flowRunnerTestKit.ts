import { flowDocumentSchema, type FlowDocument } from '../flowDocumentSchema';
import type { WebServiceTestResult } from '../webservice/webServiceTestApi';

// Builders the runner's tests share: flows from a few lines, endpoint answers as the proxy gives them.

const at = { x: 0, y: 0 };

export interface TestNode {
  id: string;
  type: string;
  name?: string;
  position: { x: number; y: number };
  data: object;
}

export function node(id: string, type: string, data: object = {}, name?: string): TestNode {
  return { id, type, position: at, data, ...(name ? { name } : {}) };
}

export const start = (id = 'start') => node(id, 'start');
export const end = (id = 'end') => node(id, 'end');
export const say = (id: string, text: string) => node(id, 'message', { text });
export const ask = (id: string, variable: string, inputType = 'text', options: string[] = []) =>
  node(id, 'question', { prompt: `Your ${variable}?`, variable, inputType, options });
export const assign = (id: string, ...rows: [string, string][]) =>
  node(id, 'set-variable', {
    assignments: rows.map(([variable, value]) => ({ variable, value })),
  });
export const call = (
  id: string,
  data: { url?: string; useRequestQueue?: boolean; expectedVariables?: string[] } = {},
  name?: string,
) => node(id, 'web-service', { url: `http://127.0.0.1:9/${id}`, ...data }, name);

export function edge(source: string, target: string, sourceHandle = 'out') {
  return { id: `${source}:${sourceHandle}->${target}`, source, sourceHandle, target };
}

/** A valid flow file of these nodes and edges; parsing fills in defaults and checks the graph. */
export function flowOf(nodes: TestNode[], edges: object[] = []): FlowDocument {
  return flowDocumentSchema.parse({ schemaVersion: 1, id: 'flow-1', name: 'Test', nodes, edges });
}

/** start → each node in turn → end */
export function chain(...nodes: TestNode[]): FlowDocument {
  const ids = ['start', ...nodes.map((n) => n.id), 'end'];
  return flowOf(
    [start(), ...nodes, end()],
    ids.slice(1).map((id, index) => edge(ids[index] ?? '', id)),
  );
}

/** A 2xx the proxy reports for a JSON body, after `totalMs`. */
export function okResult(body: unknown, totalMs = 120): WebServiceTestResult {
  const text = JSON.stringify(body);
  return {
    outcome: 'ok',
    timings: { totalMs, firstByteMs: totalMs },
    response: {
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json' },
      body: text,
      sizeBytes: text.length,
      truncated: false,
    },
  };
}

export function variablesResult(variables: Record<string, unknown>, totalMs = 120) {
  return okResult({ data: { variables } }, totalMs);
}
