import { z } from 'zod';
import {
  flowNodeSchema,
  moduleDefinitions,
  type FlowNode,
  type ModuleDataByKind,
  type ModuleKind,
} from '../modules/moduleDefinitions';
import { newId } from './newId';

export const currentSchemaVersion = 1;

export const flowEdgeSchema = z.object({
  id: z.string().min(1, 'Edge id must not be empty'),
  source: z.string().min(1),
  sourceHandle: z.string().min(1).default('out'),
  target: z.string().min(1),
});
export type FlowEdge = z.output<typeof flowEdgeSchema>;

/** Outgoing handle ids a node offers, by its module kind and configuration. */
export function outputIdsOf(node: FlowNode): string[] {
  return outputsOf(node).map((output) => output.id);
}

export function outputsOf<K extends ModuleKind>(node: { type: K; data: ModuleDataByKind[K] }) {
  return moduleDefinitions[node.type].outputs(node.data);
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
 * output, no module connected to itself. Works on raw file content as well as parsed flows,
 * so an import reports graph errors together with shape errors; entries whose own shape is
 * wrong are left to the shape check.
 */
export function findGraphIssues(
  nodes: readonly unknown[],
  edges: readonly unknown[],
): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const nodesById = new Map<string, FlowNode | null>();
  nodes.forEach((raw, index) => {
    const id = readField(raw, 'id');
    if (typeof id !== 'string') return;
    if (nodesById.has(id)) {
      issues.push({ path: ['nodes', index, 'id'], message: `Duplicate node id "${id}"` });
      return;
    }
    const parsed = flowNodeSchema.safeParse(raw);
    nodesById.set(id, parsed.success ? parsed.data : null);
  });
  const edgeIds = new Set<string>();
  const usedOutputs = new Set<string>();
  edges.forEach((raw, index) => {
    const parsed = flowEdgeSchema.safeParse(raw);
    if (!parsed.success) return;
    const edge = parsed.data;
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

/** The flow file, `schemaVersion` 1: field shapes, then the graph (`findGraphIssues`). */
export const flowDocumentSchema = flowDocumentShape.superRefine((flow, context) => {
  for (const issue of findGraphIssues(flow.nodes, flow.edges)) {
    context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
});

export type FlowDocument = z.output<typeof flowDocumentSchema>;
export type FlowDocumentInput = z.input<typeof flowDocumentSchema>;
