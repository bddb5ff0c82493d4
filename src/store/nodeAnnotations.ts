import type { AppNode } from './appNode';
import type { FlowStore } from './createFlowStore';
import { useFlowStoreApi } from './FlowStoreContext';
import { createKeyedListeners, useKeyedValue, type KeyedValues } from './keyedValues';
import { selectProblemsIndex } from './selectFlowProblems';

/** What a canvas node shows besides its own configuration. */
export interface NodeAnnotations {
  /** The name the author gave the module; the node shows its kind when there is none. */
  ownName: string | undefined;
  problems: readonly string[];
  /**
   * The module as the store holds it, for its configuration: React Flow's copy is not replaced
   * when only a configuration changes (`createCanvasNodeView`). Replaced only when its
   * configuration or name changes, not when it moves or is selected.
   */
  node: AppNode | undefined;
}

const noProblems: readonly string[] = [];
const unknownNode: NodeAnnotations = { ownName: undefined, problems: noProblems, node: undefined };

/**
 * Each node's name, configuration and problems, brought up to date once per change of the flow (one problems
 * pass, one walk over the nodes) instead of by a selector per node on every store update.
 */
function createNodeAnnotations(store: FlowStore): KeyedValues<NodeAnnotations> {
  const listeners = createKeyedListeners();
  const annotations = new Map<string, NodeAnnotations>();
  let seen: { nodes: unknown; byNode: unknown } = { nodes: null, byNode: null };

  /** Brings the annotations up to date; returns the ids whose annotations changed. */
  const update = (): string[] => {
    const state = store.getState();
    const { byNode } = selectProblemsIndex(state);
    if (seen.nodes === state.nodes && seen.byNode === byNode) return [];
    seen = { nodes: state.nodes, byNode };
    const changed: string[] = [];
    for (const node of state.nodes) {
      const before = annotations.get(node.id);
      const ownName = node.name || undefined;
      const problems = byNode.get(node.id) ?? noProblems;
      if (
        before !== undefined &&
        before.ownName === ownName &&
        before.problems === problems &&
        before.node?.data === node.data
      ) {
        continue;
      }
      annotations.set(node.id, { ownName, problems, node });
      changed.push(node.id);
    }
    if (annotations.size > state.nodes.length) {
      const ids = new Set(state.nodes.map((node) => node.id));
      for (const id of annotations.keys()) if (!ids.has(id)) annotations.delete(id);
    }
    return changed;
  };

  store.subscribe(() => listeners.notify(update()));
  return {
    read(nodeId) {
      update();
      return annotations.get(nodeId) ?? unknownNode;
    },
    subscribe: (nodeId, listener) => listeners.subscribe(nodeId, listener),
  };
}

const annotationsByStore = new WeakMap<FlowStore, KeyedValues<NodeAnnotations>>();

function annotationsOf(store: FlowStore): KeyedValues<NodeAnnotations> {
  let annotations = annotationsByStore.get(store);
  if (!annotations) {
    annotations = createNodeAnnotations(store);
    annotationsByStore.set(store, annotations);
  }
  return annotations;
}

/** One node's name, configuration and problems; the node re-renders only when they change. */
export function useNodeAnnotations(nodeId: string): NodeAnnotations {
  return useKeyedValue(annotationsOf(useFlowStoreApi()), nodeId);
}
