import { z } from 'zod';
import {
  flowNodeSchema,
  moduleDefinitions,
  type FlowNode,
  type ModuleDataByKind,
  type ModuleKind,
} from '../modules/moduleDefinitions';
import { flowSettingsSchema } from './flowSettingsSchema';
import { newId } from './newId';

export const currentSchemaVersion = 1;

export const flowEdgeSchema = z.object({
  id: z.string().min(1, 'Edge id must not be empty'),
  source: z.string().min(1),
  // React Flow writes `null` for a module's one default output.
  sourceHandle: z
    .string()
    .min(1)
    .nullish()
    .transform((handle) => handle ?? 'out'),
  target: z.string().min(1),
});
export type FlowEdge = z.output<typeof flowEdgeSchema>;

/** Outgoing handle ids a node offers, by its module kind and configuration. */
export function outputIdsOf<K extends ModuleKind>(node: { type: K; data: ModuleDataByKind[K] }) {
  return moduleDefinitions[node.type].outputs(node.data).map((output) => output.id);
}

/** A flow's name, as the file stores it and the author types it. */
export const flowNameSchema = z.string().trim().min(1, 'A flow needs a name');

const flowDocumentShape = z.object({
  schemaVersion: z.literal(currentSchemaVersion),
  id: z
    .string()
    .min(1)
    .default(() => newId('flow')),
  name: flowNameSchema.default('Untitled flow'),
  settings: flowSettingsSchema.prefault({}),
  nodes: z.array(flowNodeSchema),
  edges: z.array(flowEdgeSchema).default([]),
});

export interface GraphIssue {
  path: (string | number)[];
  message: string;
}

function readField(value: unknown, field: string): unknown {
  return typeof value === 'object' && value !== null && field in value
    ? Object.entries(value).find(([key]) => key === field)?.[1]
    : undefined;
}

/**
 * What makes the nodes and edges a graph the editor can open: unique ids, edges between
 * existing nodes, from outputs the source has, into modules that take input, one edge per
 * output, no module connected to itself. Entries are by position in the file; `null` marks
 * one whose own shape is wrong (a node known only by its id has `node: null`), which the
 * shape check reports.
 */
export function findGraphIssues(
  nodes: readonly ({ id: string; node: FlowNode | null } | null)[],
  edges: readonly (FlowEdge | null)[],
): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const nodesById = new Map<string, FlowNode | null>();
  nodes.forEach((entry, index) => {
    if (entry === null) return;
    if (nodesById.has(entry.id)) {
      issues.push({ path: ['nodes', index, 'id'], message: `Duplicate node id "${entry.id}"` });
      return;
    }
    nodesById.set(entry.id, entry.node);
  });
  const edgeIds = new Set<string>();
  const usedOutputs = new Set<string>();
  edges.forEach((edge, index) => {
    if (edge === null) return;
    const at = (field: string) => ['edges', index, field];
    if (edgeIds.has(edge.id)) {
      issues.push({ path: at('id'), message: `Duplicate edge id "${edge.id}"` });
    }
    edgeIds.add(edge.id);
    if (edge.source === edge.target) {
      issues.push({
        path: at('target'),
        message: `Edge "${edge.id}" connects node "${edge.source}" to itself`,
      });
    }
    const source = nodesById.get(edge.source);
    if (source === undefined) {
      issues.push({
        path: at('source'),
        message: `Edge "${edge.id}" starts at node "${edge.source}", which does not exist`,
      });
    } else if (source !== null && !outputIdsOf(source).includes(edge.sourceHandle)) {
      issues.push({
        path: at('sourceHandle'),
        message: `Node "${source.id}" (${source.type}) has no output "${edge.sourceHandle}"; it has: ${outputIdsOf(source).join(', ') || 'none'}`,
      });
    } else {
      const output = `${edge.source}\u0000${edge.sourceHandle}`;
      if (usedOutputs.has(output)) {
        issues.push({
          path: at('sourceHandle'),
          message: `Output "${edge.sourceHandle}" of node "${edge.source}" already has an edge; an output leads to one module`,
        });
      }
      usedOutputs.add(output);
    }
    const target = nodesById.get(edge.target);
    if (target === undefined) {
      issues.push({
        path: at('target'),
        message: `Edge "${edge.id}" leads to node "${edge.target}", which does not exist`,
      });
    } else if (target !== null && !moduleDefinitions[target.type].hasInput) {
      issues.push({
        path: at('target'),
        message: `Edge "${edge.id}" leads into a ${target.type} node, which takes no input`,
      });
    }
  });
  return issues;
}

/**
 * Graph issues of a file whose shape may be wrong, so an import reports them together with the
 * shape errors (zod skips refinements once a field is malformed).
 */
export function graphIssuesOfRawFile(
  nodes: readonly unknown[],
  edges: readonly unknown[],
): GraphIssue[] {
  const entries = nodes.map((raw) => {
    const id = readField(raw, 'id');
    if (typeof id !== 'string') return null;
    const parsed = flowNodeSchema.safeParse(raw);
    return { id, node: parsed.success ? parsed.data : null };
  });
  const parsedEdges = edges.map((raw) => {
    const parsed = flowEdgeSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  });
  return findGraphIssues(entries, parsedEdges);
}

/** The flow file, `schemaVersion` 1: field shapes, then the graph (`findGraphIssues`). */
export const flowDocumentSchema = flowDocumentShape.superRefine((flow, context) => {
  const entries = flow.nodes.map((node) => ({ id: node.id, node }));
  for (const issue of findGraphIssues(entries, flow.edges)) {
    context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
});

export type FlowDocument = z.output<typeof flowDocumentSchema>;
