import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { describeNode } from '../domain/describeNode';
import type { ModuleKind } from '../modules/moduleDefinitions';
import type { AppNodeOf } from '../store/appNode';
import { useNodeAnnotations } from '../store/nodeAnnotations';
import { ModuleIcon, moduleColorStyle } from './ModuleIcon';
import { countNodeRender } from './benchProbe';
import { useIsPreviewStep } from '../preview/PreviewSessionContext';

/** The canvas body of one module kind: kind, summary, variables it sets, problems, handles. */
export function createModuleNodeComponent<K extends ModuleKind>(kind: K) {
  function ModuleNode({ id, data, selected }: NodeProps<AppNodeOf<K>>) {
    countNodeRender(id);
    const { ownName: name, problems, node } = useNodeAnnotations(id);
    // React Flow's `data` may be older than the store's: it is not replaced on every keystroke.
    const facts = node ? describeNode(node) : describeNode({ type: kind, data });
    const isPreviewStep = useIsPreviewStep(id);
    const updateNodeInternals = useUpdateNodeInternals();
    const outputKey = facts.outputs.map((output) => output.id).join('\u0000');
    const measuredOutputKey = useRef(outputKey);
    useEffect(() => {
      // React Flow measures handles on mount by itself; asking again for every node of a large
      // flow would cost a store update each. Re-measure only when the outputs change.
      if (measuredOutputKey.current === outputKey) return;
      measuredOutputKey.current = outputKey;
      updateNodeInternals(id);
    }, [id, outputKey, updateNodeInternals]);

    const singleOutput = facts.outputs.length === 1 && facts.outputs[0]?.label === '';
    const title = name ?? facts.label;
    return (
      <div
        className={`module-node${selected ? ' is-selected' : ''}${problems.length ? ' has-problems' : ''}${isPreviewStep ? ' is-preview-step' : ''}`}
        style={moduleColorStyle(kind)}
        data-kind={kind}
        aria-current={isPreviewStep ? 'step' : undefined}
        data-testid={`node-${id}`}
        aria-label={
          name ? `${name}, ${facts.label}: ${facts.summary}` : `${facts.label}: ${facts.summary}`
        }
      >
        {facts.hasInput && <Handle type="target" position={Position.Top} />}
        <header className="module-node-header">
          <ModuleIcon kind={kind} />
          <span className="module-node-titles">
            <span className="module-node-title" title={title}>
              {title}
            </span>
            {name !== undefined && <span className="module-node-kind">{facts.label}</span>}
          </span>
          {problems.length > 0 && (
            <span
              className="problem-badge"
              title={problems.join('\n')}
              aria-label={`${problems.length} problem${problems.length === 1 ? '' : 's'}`}
            >
              {problems.length}
            </span>
          )}
        </header>
        <p className="module-node-summary" title={facts.summary}>
          {facts.summary}
        </p>
        {facts.variablesSet.length > 0 && (
          <ul className="variable-tags" aria-label="Sets variables">
            {facts.variablesSet.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        )}
        {singleOutput ? (
          <Handle type="source" position={Position.Bottom} id="out" />
        ) : (
          facts.outputs.length > 0 && (
            <ul className="module-node-outputs">
              {facts.outputs.map((output) => (
                <li key={output.id} className="module-node-output">
                  <span className="module-node-output-label">{output.label}</span>
                  <Handle
                    type="source"
                    position={Position.Bottom}
                    id={output.id}
                    title={`Output: ${output.label}`}
                  />
                </li>
              ))}
            </ul>
          )
        )}
      </div>
    );
  }
  ModuleNode.displayName = `ModuleNode(${kind})`;
  return memo(ModuleNode);
}
