import { useState } from 'react';
import { flowNameSchema } from '../domain/flowDocumentSchema';
import type { FlowLibrary } from '../persistence/useFlowLibrary';
import { useFlowStore } from '../store/FlowStoreContext';
import { TextField } from './fields/TextField';

interface FlowListPanelProps {
  library: FlowLibrary;
  onFailure: (error: unknown) => void;
}

export function FlowListPanel({ library, onFailure }: FlowListPanelProps) {
  const openFlowId = useFlowStore((state) => state.flowId);
  const openFlowName = useFlowStore((state) => state.name);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState<string | null>(null);
  const handlers = { onError: onFailure };
  const flows = library.flows.data ?? [];

  return (
    <nav className="panel flow-list" aria-label="Flows">
      <h2>Flows</h2>
      <button type="button" onClick={() => library.createFlow.mutate('Untitled flow', handlers)}>
        New flow
      </button>
      {library.flows.isError && <p role="alert">Couldn't list your flows.</p>}
      <ul>
        {flows.map((flow) => {
          const isOpen = flow.id === openFlowId;
          const name = isOpen ? openFlowName : flow.name;
          return (
            <li key={flow.id} className={isOpen ? 'is-open' : undefined}>
              {renaming?.id === flow.id ? (
                <form
                  className="rename-form"
                  onSubmit={(event) => {
                    event.preventDefault();
                    const parsed = flowNameSchema.safeParse(renaming.name);
                    if (!parsed.success) return;
                    library.renameFlow.mutate({ id: flow.id, name: parsed.data }, handlers);
                    setRenaming(null);
                  }}
                >
                  <TextField
                    label={`New name for ${name}`}
                    value={renaming.name}
                    schema={flowNameSchema}
                    onValid={(newName) => setRenaming({ id: flow.id, name: newName })}
                  />
                  <button type="submit">Save name</button>
                  <button type="button" onClick={() => setRenaming(null)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <button
                  type="button"
                  className="flow-open"
                  title={name}
                  aria-current={isOpen ? 'page' : undefined}
                  onClick={() => library.openFlow.mutate(flow.id, handlers)}
                >
                  {name}
                </button>
              )}
              {confirmingDelete === flow.id ? (
                <div className="confirm" role="group" aria-label={`Delete ${name}?`}>
                  <span>Delete “{name}”?</span>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      setConfirmingDelete(null);
                      library.deleteFlow.mutate(flow.id, handlers);
                    }}
                  >
                    Delete for good
                  </button>
                  <button type="button" onClick={() => setConfirmingDelete(null)}>
                    Keep
                  </button>
                </div>
              ) : (
                <div className="flow-actions">
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Rename ${name}`}
                    onClick={() => setRenaming({ id: flow.id, name })}
                  >
                    Rename
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Duplicate ${name}`}
                    onClick={() => library.duplicateFlow.mutate(flow.id, handlers)}
                  >
                    Duplicate
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Delete ${name}`}
                    onClick={() => setConfirmingDelete(flow.id)}
                  >
                    Delete
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
