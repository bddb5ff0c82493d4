import type {
  ResponseCheck,
  ReturnedVariable,
} from '../../domain/webservice/checkWebServiceResponse';
import { ListFilter, usePagedFilter } from '../fields/usePagedFilter';

type Row = { kind: 'returned'; variable: ReturnedVariable } | { kind: 'missing'; name: string };

function nameOf(row: Row): string {
  return row.kind === 'returned' ? row.variable.name : row.name;
}

/**
 * The variables an answer set, and the expected ones it lacks. An answer can hold tens of
 * thousands: at most `shownRowLimit` rows are drawn, and a filter finds the others.
 */
export function ReturnedVariablesTable({ check }: { check: ResponseCheck }) {
  const returnedNames = new Set(check.returned.map((variable) => variable.name));
  const missingNames = new Set(check.missing);
  const rows: Row[] = [
    ...check.returned.map((variable): Row => ({ kind: 'returned', variable })),
    ...check.missing
      .filter((name) => !returnedNames.has(name))
      .map((name): Row => ({ kind: 'missing', name })),
  ];
  const { filter, setFilter, matching, shown, isLong } = usePagedFilter(rows, nameOf);
  return (
    <div className="test-table-wrapper">
      {isLong && (
        <ListFilter
          className="test-filter"
          label="Filter returned variables"
          placeholder={`Filter ${rows.length.toLocaleString('en')} returned variables by name`}
          value={filter}
          onChange={setFilter}
          hint={
            matching.length > shown.length
              ? `Showing ${shown.length} of ${matching.length.toLocaleString('en')} matching variables.`
              : `${matching.length.toLocaleString('en')} of ${rows.length.toLocaleString('en')} variables match.`
          }
        />
      )}
      <table className="test-table" aria-label="Returned variables">
        <caption>
          Returned variables
          {!check.setAtRuntime && check.returned.length > 0 && (
            <span className="muted"> (too late: at runtime the platform sets none of them)</span>
          )}
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
            <th scope="col">Compared with sent</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) =>
            row.kind === 'returned' ? (
              <tr key={row.variable.name} data-change={row.variable.change}>
                <th scope="row">
                  <code>{row.variable.name}</code>
                </th>
                <td>
                  <code className={row.variable.isString ? undefined : 'not-string'}>
                    {row.variable.value}
                  </code>
                </td>
                <td>
                  <span className={`tag tag-${row.variable.change}`}>{row.variable.change}</span>
                  {!check.setAtRuntime && (
                    <>
                      {' '}
                      <span className="tag tag-not-set">not set at runtime</span>
                    </>
                  )}
                  {missingNames.has(row.variable.name) && (
                    <>
                      {' '}
                      <span className="tag tag-missing">missing</span>
                    </>
                  )}
                </td>
              </tr>
            ) : (
              <tr key={`missing-${row.name}`} data-change="missing">
                <th scope="row">
                  <code>{row.name}</code>
                </th>
                <td className="muted">—</td>
                <td>
                  <span className="tag tag-missing" title="Expected by this module, not returned">
                    missing
                  </span>
                </td>
              </tr>
            ),
          )}
          {rows.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                No variables returned.
              </td>
            </tr>
          )}
          {rows.length > 0 && matching.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                No returned variable matches “{filter.trim()}”.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
