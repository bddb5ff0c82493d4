import { Fragment, memo, type ReactNode } from 'react';
import type { VariableAtNode } from '../../domain/webservice/variablesAtNode';
import { ListFilter, usePagedFilter } from '../fields/usePagedFilter';

interface TestVariablesTableProps {
  variables: VariableAtNode[];
  overrides: Readonly<Record<string, string>>;
  omitted: readonly string[];
  /** While the raw JSON is edited, the table does not shape the body. */
  disabled: boolean;
  onValueChange: (name: string, value: string) => void;
  onReset: (name: string) => void;
  onIncludedChange: (name: string, included: boolean) => void;
}

const scopeLabels = { customer: 'customer', flow: 'this flow' } as const;

/** The variables the chat holds when it reaches the node, with the sample values to send. */
export const TestVariablesTable = memo(function TestVariablesTable({
  variables,
  overrides,
  omitted,
  disabled,
  onValueChange,
  onReset,
  onIncludedChange,
}: TestVariablesTableProps) {
  const { filter, setFilter, matching, shown, isLong } = usePagedFilter(
    variables,
    (variable) => variable.name,
  );
  return (
    <div className="test-table-wrapper">
      {isLong && (
        <ListFilter
          className="test-filter"
          label="Filter variables"
          placeholder={`Filter ${variables.length} variables by name`}
          value={filter}
          onChange={setFilter}
          hint={
            matching.length > shown.length
              ? `Showing ${shown.length} of ${matching.length} matching variables. Every checked variable is sent, shown or not.`
              : `${matching.length} of ${variables.length} variables match.`
          }
        />
      )}
      <table className="test-table test-variables" aria-label="Variables sent">
        <caption>
          Variables when the chat reaches this module
          {disabled && <span className="muted"> (the raw JSON is sent instead)</span>}
        </caption>
        <colgroup>
          <col className="col-send" />
          <col className="col-name" />
          <col className="col-scope" />
          <col className="col-certainty" />
          <col className="col-set-by" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Send</th>
            <th scope="col">Name</th>
            <th scope="col">Scope</th>
            <th scope="col">Certainty</th>
            <th scope="col">Set by</th>
            <th scope="col">Sample value</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((variable) => {
            const overridden = Object.hasOwn(overrides, variable.name);
            const value = overridden ? (overrides[variable.name] ?? '') : variable.sample;
            return (
              <tr key={variable.name} data-variable={variable.name}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Send ${variable.name}`}
                    checked={!omitted.includes(variable.name)}
                    disabled={disabled}
                    onChange={(event) => onIncludedChange(variable.name, event.target.checked)}
                  />
                </td>
                <th scope="row" className="test-variable-name">
                  <code title={variable.name}>{withBreaksAtUnderscores(variable.name)}</code>
                </th>
                <td>
                  <span className={`tag tag-${variable.scope}`}>{scopeLabels[variable.scope]}</span>
                </td>
                <td>
                  <span
                    className={`tag tag-${variable.certainty}`}
                    title={
                      variable.certainty === 'definitely'
                        ? 'Set on every path from start to this module'
                        : variable.scope === 'customer' && variable.setBy.length === 0
                          ? "From the customer's profile, when the customer has it"
                          : 'Set on some paths to this module, not on all'
                    }
                  >
                    {variable.certainty}
                  </span>
                </td>
                <td className="test-set-by">
                  {variable.setBy.length > 0
                    ? variable.setBy.map((setter) => setter.name).join(', ')
                    : 'customer profile'}
                </td>
                <td>
                  <div className="test-sample">
                    {/* The value scrolls in the field; the tooltip shows it whole. */}
                    <input
                      className="nodrag"
                      aria-label={`Sample value of ${variable.name}`}
                      title={value}
                      value={value}
                      disabled={disabled}
                      spellCheck={false}
                      onChange={(event) => onValueChange(variable.name, event.target.value)}
                    />
                    {overridden && !disabled && (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Reset ${variable.name} to its sample`}
                        title={`Back to ${JSON.stringify(variable.sample)}`}
                        onClick={() => onReset(variable.name)}
                      >
                        ↺
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});

/** A snake_case name that may wrap after its underscores, and nowhere else. */
function withBreaksAtUnderscores(name: string): ReactNode[] {
  return name.split(/(?<=_)/).map((part, index) => (
    <Fragment key={index}>
      {index > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}
