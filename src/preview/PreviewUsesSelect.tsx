import { useStore } from 'zustand';
import type { TestBenchStore } from '../store/createTestBenchStore';
import { entryOf, testBenchKey } from '../store/createTestBenchStore';
import { useFlowStore } from '../store/FlowStoreContext';
import type { PreviewUse } from './createPreviewSession';
import { usePreviewSession } from './PreviewSessionContext';

const useLabels: Record<PreviewUse, string> = {
  call: 'Call the endpoint',
  recorded: 'Use a recorded response',
  timeout: 'Simulate a timeout',
  error: 'Simulate an error',
};

function isPreviewUse(value: string): value is PreviewUse {
  return Object.hasOwn(useLabels, value);
}

/** What this WebService module does when the chat preview reaches it. */
export function PreviewUsesSelect({
  nodeId,
  benches,
}: {
  nodeId: string;
  benches: TestBenchStore;
}) {
  const flowId = useFlowStore((state) => state.flowId);
  const key = testBenchKey(flowId, nodeId);
  const use = usePreviewSession((state) => entryOf(state.uses, key) ?? 'call');
  const setUse = usePreviewSession((state) => state.setUse);
  const newestRun = useStore(benches, (state) => entryOf(state.benches, key)?.history[0]);
  const shownUse = use === 'recorded' && !newestRun ? 'call' : use;
  return (
    <label className="preview-uses">
      <span>Preview uses</span>
      <select
        value={shownUse}
        onChange={(event) => {
          if (isPreviewUse(event.target.value)) setUse(flowId, nodeId, event.target.value);
        }}
      >
        {Object.entries(useLabels).map(([value, label]) => (
          <option key={value} value={value} disabled={value === 'recorded' && !newestRun}>
            {label}
          </option>
        ))}
      </select>
      {shownUse === 'recorded' && newestRun && (
        <span className="field-hint">
          The chat preview answers with the run from{' '}
          {new Date(newestRun.startedAt).toLocaleTimeString()} instead of calling.
        </span>
      )}
    </label>
  );
}
