import { useReactFlow } from '@xyflow/react';
import { useDeferredValue, useState } from 'react';
import type { AppEdge, AppNode } from '../store/appNode';
import { useFlowStore } from '../store/FlowStoreContext';
import { selectFlowProblems } from '../store/selectFlowProblems';

/** Rows drawn at once: a flow with thousands of problems stays responsive. */
const problemsShownAtOnce = 100;

export function ProblemsPanel() {
  const problems = useFlowStore(selectFlowProblems);
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter.trim().toLowerCase());
  const matching = deferredFilter
    ? problems.filter((problem) =>
        `${problem.nodeName ?? ''} ${problem.message}`.toLowerCase().includes(deferredFilter),
      )
    : problems;
  const shown = matching.slice(0, problemsShownAtOnce);
  const selectNodes = useFlowStore((state) => state.selectNodes);
  const { fitView } = useReactFlow<AppNode, AppEdge>();

  return (
    <section className="panel problems" aria-label="Problems">
      <h2>
        Problems <span className="count">{problems.length}</span>
      </h2>
      {problems.length > problemsShownAtOnce && (
        <div className="field problems-filter">
          <input
            type="search"
            aria-label="Filter problems"
            placeholder="Filter by module or message"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
          <p className="field-hint" aria-live="polite">
            {matching.length > shown.length
              ? `Showing ${shown.length} of ${matching.length.toLocaleString('en')} problems; filter to find others.`
              : `${matching.length.toLocaleString('en')} matching.`}
          </p>
        </div>
      )}
      {problems.length === 0 ? (
        <p className="muted">No problems found.</p>
      ) : (
        <ul>
          {shown.map((problem) => (
            <li key={problem.key}>
              {problem.nodeId === null ? (
                <span className="problem-text">{problem.message}</span>
              ) : (
                <button
                  type="button"
                  className="problem-button"
                  onClick={() => {
                    if (problem.nodeId === null) return;
                    selectNodes([problem.nodeId]);
                    void fitView({ nodes: [{ id: problem.nodeId }], duration: 300, maxZoom: 1.2 });
                  }}
                >
                  <span className="problem-node">{problem.nodeName}</span>
                  <span className="problem-text">{problem.message}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
