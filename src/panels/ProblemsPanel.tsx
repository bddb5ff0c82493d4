import { useFitModules } from '../canvas/useFitModules';
import { useFlowStore } from '../store/FlowStoreContext';
import { selectFlowProblems } from '../store/selectFlowProblems';
import { ListFilter, usePagedFilter } from './fields/usePagedFilter';

export function ProblemsPanel() {
  const problems = useFlowStore(selectFlowProblems);
  const { filter, setFilter, matching, shown, isLong } = usePagedFilter(
    problems,
    (problem) => `${problem.nodeName ?? ''} ${problem.message}`,
  );
  const selectNodes = useFlowStore((state) => state.selectNodes);
  const fitModules = useFitModules();

  return (
    <section className="panel problems" aria-label="Problems">
      <h2>
        Problems <span className="count">{problems.length}</span>
      </h2>
      {isLong && (
        <ListFilter
          className="problems-filter"
          label="Filter problems"
          placeholder="Filter by module or message"
          value={filter}
          onChange={setFilter}
          liveHint
          hint={
            matching.length > shown.length
              ? `Showing ${shown.length} of ${matching.length.toLocaleString('en')} problems; filter to find others.`
              : `${matching.length.toLocaleString('en')} matching.`
          }
        />
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
                    void fitModules({ nodeIds: [problem.nodeId], duration: 300, maxZoom: 1.2 });
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
