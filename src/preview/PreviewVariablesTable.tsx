import type { RunVariable } from '../domain/flowRunner/flowRunState';

/** The process instance's variables as the preview's chat holds them now. */
export function PreviewVariablesTable({ variables }: { variables: readonly RunVariable[] }) {
  return (
    <table className="preview-variables" aria-label="Preview variables">
      <thead>
        <tr>
          <th scope="col">Variable</th>
          <th scope="col">Value</th>
          <th scope="col">Scope</th>
          <th scope="col">Set by</th>
        </tr>
      </thead>
      <tbody>
        {variables.map((variable) => {
          const fromWebService =
            variable.webServiceChange === 'added' || variable.webServiceChange === 'changed';
          return (
            <tr
              key={variable.name}
              data-variable={variable.name}
              data-webservice-change={fromWebService ? variable.webServiceChange : undefined}
              className={fromWebService ? 'from-webservice' : undefined}
            >
              <th scope="row">
                <code>{variable.name}</code>
              </th>
              <td className="preview-value">
                {variable.value === '' ? <span className="muted">(empty)</span> : variable.value}
                {fromWebService && (
                  <span className="webservice-mark">
                    from WebService{variable.webServiceChange === 'changed' ? ' (changed)' : ''}
                  </span>
                )}
              </td>
              <td>{variable.scope}</td>
              <td>
                {variable.setBy ? variable.setBy.moduleName : <span className="muted">start</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
