import { useMemo } from 'react';
import { z } from 'zod';
import { approvedHostsSchema } from '../../domain/flowSettingsSchema';
import {
  approvalText,
  buildPrivacyReport,
  personalDataByHost,
  transportText,
  type PrivacyReport,
} from '../../domain/privacy/buildPrivacyReport';
import { privacyReportCsv } from '../../domain/privacy/privacyReportCsv';
import { privacyReportMarkdown } from '../../domain/privacy/privacyReportMarkdown';
import { useFlowStore } from '../../store/FlowStoreContext';
import { TextField } from '../fields/TextField';
import { downloadTextFile, privacyReportFileName } from './downloadTextFile';
import { usePrivacyContext } from './usePrivacyContext';
import './privacy.css';

const approvedHostsTextSchema = z
  .string()
  .transform((text) =>
    text
      .split(/[\n,]/)
      .map((line) => line.trim())
      .filter(Boolean),
  )
  .pipe(approvedHostsSchema);

/** The privacy report of the open flow, in the dialog the toolbar opens. */
export function PrivacyReportView({
  headingId,
  onClose,
}: {
  headingId: string;
  onClose: () => void;
}) {
  const flowName = useFlowStore((state) => state.name);
  const settings = useFlowStore((state) => state.settings);
  const updateFlowSettings = useFlowStore((state) => state.updateFlowSettings);
  const selectNodes = useFlowStore((state) => state.selectNodes);
  const { graph, context } = usePrivacyContext();
  const { personal, upstream } = context;
  const byHost = useMemo(
    () => personalDataByHost(graph, { personal, upstream }),
    [graph, personal, upstream],
  );
  const report = useMemo(
    () => buildPrivacyReport({ ...graph, name: flowName, settings }, byHost),
    [graph, byHost, flowName, settings],
  );

  const approve = (host: string) =>
    updateFlowSettings({ approvedHosts: [...settings.approvedHosts, host] });

  return (
    <section className="privacy-report" aria-labelledby={headingId}>
      <header className="privacy-report-header">
        <h2 id={headingId}>Privacy report</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <p className="muted">
        Which personal data each WebService call of this flow sends, and where. The platform sends
        every variable the chat holds, so the customer profile goes with every call.
      </p>
      <div className="privacy-report-settings">
        <TextField
          label="Approved hosts"
          multiline
          value={settings.approvedHosts.join('\n')}
          schema={approvedHostsTextSchema}
          format={(hosts) => hosts.join('\n')}
          onValid={(approvedHosts) => updateFlowSettings({ approvedHosts }, 'approvedHosts')}
          placeholder={'crm.example.org\n*.example.net'}
          hint="One host per line (*.example.org for its subdomains). Personal data sent to any other host is a problem. Empty: no check."
        />
        <div className="privacy-report-exports">
          <button
            type="button"
            disabled={report.hosts.length === 0}
            onClick={() =>
              downloadTextFile(
                privacyReportFileName(report.flowName, 'md'),
                privacyReportMarkdown(report, new Date()),
                'text/markdown;charset=utf-8',
              )
            }
          >
            Export Markdown
          </button>
          <button
            type="button"
            disabled={report.hosts.length === 0}
            onClick={() =>
              downloadTextFile(
                privacyReportFileName(report.flowName, 'csv'),
                privacyReportCsv(report),
                'text/csv;charset=utf-8',
              )
            }
          >
            Export CSV
          </button>
        </div>
      </div>
      <ReportTable
        report={report}
        onApprove={approve}
        onShowModule={(nodeId) => {
          selectNodes([nodeId]);
          onClose();
        }}
      />
      <ReasonsTable report={report} />
      {report.modulesWithoutUrl.length > 0 && (
        <p className="muted">
          Without a URL yet (they send nothing so far): {report.modulesWithoutUrl.join(', ')}.
        </p>
      )}
    </section>
  );
}

function ReportTable({
  report,
  onApprove,
  onShowModule,
}: {
  report: PrivacyReport;
  onApprove: (host: string) => void;
  onShowModule: (nodeId: string) => void;
}) {
  if (report.hosts.length === 0) {
    return <p>No WebService module of this flow has a URL, so no personal data leaves it.</p>;
  }
  return (
    <div className="privacy-table-wrapper">
      <table className="test-table privacy-table">
        <caption>Personal data by host</caption>
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">Transport</th>
            <th scope="col">Approved</th>
            <th scope="col">Personal variables</th>
            <th scope="col">Modules</th>
          </tr>
        </thead>
        <tbody>
          {report.hosts.map((host) => {
            const plainHttp = host.transport !== 'https' && !host.loopback;
            return (
              <tr key={host.host}>
                <th scope="row">
                  <code>{host.host}</code>
                </th>
                <td className={plainHttp ? 'privacy-bad' : undefined}>{transportText(host)}</td>
                <td className={host.approved === false ? 'privacy-bad' : undefined}>
                  {approvalText(host.approved)}
                  {host.approved === false && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onApprove(host.host)}
                    >
                      Approve {host.host}
                    </button>
                  )}
                </td>
                <td>
                  <span className="privacy-count">{host.variables.length}: </span>
                  {host.variables.map((variable, index) => (
                    <span key={variable.name} title={variable.because}>
                      <code>{variable.name}</code>
                      {index < host.variables.length - 1 ? ', ' : ''}
                    </span>
                  ))}
                </td>
                <td>
                  <ul className="privacy-modules">
                    {host.modules.map((module) => (
                      <li key={module.nodeId}>
                        <button
                          type="button"
                          className="link-button"
                          title={`POST ${module.url}`}
                          onClick={() => onShowModule(module.nodeId)}
                        >
                          {module.name}
                        </button>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Why each variable of the report counts as personal, once per variable. */
function ReasonsTable({ report }: { report: PrivacyReport }) {
  const reasons = new Map<string, string>();
  for (const host of report.hosts) {
    for (const variable of host.variables) reasons.set(variable.name, variable.because);
  }
  if (reasons.size === 0) return null;
  return (
    <details className="privacy-reasons">
      <summary>Why each variable counts as personal ({reasons.size})</summary>
      <table className="test-table">
        <thead>
          <tr>
            <th scope="col">Variable</th>
            <th scope="col">Personal because</th>
          </tr>
        </thead>
        <tbody>
          {[...reasons].map(([name, because]) => (
            <tr key={name}>
              <td>
                <code>{name}</code>
              </td>
              <td>{because}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
