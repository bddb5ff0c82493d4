import { flowDocumentSchema, type FlowDocument } from '../flowDocumentSchema';

/** Builders of small flow files for the privacy tests; parsing fills defaults and checks the graph. */
const at = { x: 0, y: 0 };

export function node(id: string, type: string, data: object = {}, name?: string) {
  return { id, type, position: at, data, ...(name ? { name } : {}) };
}

export const ask = (id: string, variable: string, extra: object = {}) =>
  node(id, 'question', { prompt: `Your ${variable}?`, variable, ...extra });

export const assign = (id: string, rows: { variable: string; personalData?: boolean }[]) =>
  node('set-' + id, 'set-variable', {
    assignments: rows.map((row, index) => ({ id: `a${index}`, value: 'x', ...row })),
  });

export const call = (id: string, url: string) => node(id, 'web-service', { url });

/** start → each node in turn → end, with the given approved hosts. */
export function chainOf(
  nodes: ReturnType<typeof node>[],
  approvedHosts: string[] = [],
): FlowDocument {
  const all = [node('start', 'start'), ...nodes, node('end', 'end')];
  return flowDocumentSchema.parse({
    schemaVersion: 1,
    id: 'f',
    name: 'Privacy test',
    settings: { approvedHosts },
    nodes: all,
    edges: all.slice(1).map((target, index) => ({
      id: `e${index}`,
      source: all[index]!.id,
      target: target.id,
    })),
  });
}
