import { Suspense } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { fallbackModuleName } from '../domain/moduleDisplayName';
import type { ModuleKind } from '../modules/moduleDefinitions';
import { moduleDefinitions, moduleNameSchema } from '../modules/moduleDefinitions';
import { moduleViews } from '../modules/moduleViews';
import { ModuleIcon } from '../canvas/ModuleIcon';
import type { AppNode, AppNodeOf } from '../store/appNode';
import { selectSelectedNodes } from '../store/selectSelectedNodes';
import { useFlowStore } from '../store/FlowStoreContext';
import { NodeTextField } from './fields/NodeTextField';
import { PanelLoading } from './PanelLoading';
import { nodeNameField } from '../store/createFlowStore';

function NodeInspector<K extends ModuleKind>({ node }: { node: AppNodeOf<K> }) {
  const updateNodeData = useFlowStore((state) => state.updateNodeData);
  const { Inspector } = moduleViews[node.type];
  return (
    <Inspector
      nodeId={node.id}
      data={node.data}
      update={(patch, field) =>
        updateNodeData(node.id, node.type, patch, field && `${node.id}:${field}`)
      }
    />
  );
}

function NodeNameField({ node }: { node: AppNode }) {
  const renameNode = useFlowStore((state) => state.renameNode);
  return (
    <NodeTextField
      nodeId={node.id}
      field={nodeNameField}
      label="Name"
      value={node.name ?? ''}
      schema={moduleNameSchema}
      format={(name) => name ?? ''}
      placeholder={fallbackModuleName(node)}
      onValid={(name) => renameNode(node.id, name ?? '')}
    />
  );
}

export function InspectorPanel() {
  const { selectedNode, selectedCount } = useFlowStore(
    useShallow((state) => {
      const selected = selectSelectedNodes(state);
      return {
        selectedNode: selected.length === 1 ? selected[0] : null,
        selectedCount: selected.length,
      };
    }),
  );

  return (
    <section className="panel inspector" aria-label="Inspector">
      <h2>Inspector</h2>
      {selectedNode ? (
        <>
          <p className="inspector-kind">
            <ModuleIcon kind={selectedNode.type} /> {moduleDefinitions[selectedNode.type].label}{' '}
            <code className="muted" title="Node id">
              {selectedNode.id}
            </code>
          </p>
          <form className="inspector-form" onSubmit={(event) => event.preventDefault()}>
            <NodeNameField key={`${selectedNode.id}:name`} node={selectedNode} />
            <Suspense fallback={<PanelLoading what="the inspector" />}>
              <NodeInspector key={selectedNode.id} node={selectedNode} />
            </Suspense>
          </form>
        </>
      ) : (
        <p className="muted">
          {selectedCount > 1
            ? `${selectedCount} modules selected. Select one to configure it.`
            : 'Select a module on the canvas to configure it.'}
        </p>
      )}
    </section>
  );
}
