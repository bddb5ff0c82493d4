import { ShieldAlert, ShieldCheck } from 'lucide-react';
import { calledUrlOf, personalDataSent } from '../../domain/privacy/personalDataSent';
import {
  describePersonalReasons,
  type PersonalReason,
} from '../../domain/privacy/personalVariables';
import { useFlowStore } from '../../store/FlowStoreContext';
import { usePrivacyContext } from './usePrivacyContext';
import './privacy.css';
import { nodeById } from '../../store/selectNodeNames';

const fromProfileOnly = (reasons: readonly PersonalReason[]) =>
  reasons.every((reason) => reason.kind === 'customer-profile');

/**
 * What this WebService call sends of personal data, to which host and how: the platform sends
 * every variable the chat holds, the customer profile included.
 */
export function PersonalDataSent({ nodeId }: { nodeId: string }) {
  const { context } = usePrivacyContext();
  const url = useFlowStore((state) => {
    const node = nodeById(state.nodes, nodeId);
    return node ? calledUrlOf(node) : null;
  });
  if (url === null) return null;
  const sent = personalDataSent(nodeId, url, context);
  const { target } = sent;
  const collected = sent.variables.filter((variable) => !fromProfileOnly(variable.reasons));
  const profile = sent.variables.filter((variable) => fromProfileOnly(variable.reasons));
  const plainHttp = target !== null && !target.secure && !target.loopback;
  const risky = plainHttp || sent.approved === false;
  const count = sent.variables.length;

  return (
    <section className="panel personal-data-sent" aria-label="Personal data sent">
      <h2>Personal data sent</h2>
      {count === 0 ? (
        <p>This call sends no personal data.</p>
      ) : target === null ? (
        <p>No URL yet. Once it has one, this call sends {count} personal variables to that host.</p>
      ) : (
        <p className={`privacy-verdict${risky ? ' privacy-verdict-risky' : ''}`}>
          {risky ? (
            <ShieldAlert size={15} aria-hidden="true" />
          ) : (
            <ShieldCheck size={15} aria-hidden="true" />
          )}
          <span>
            Sends {count} personal variables to <strong>{target.host}</strong>{' '}
            {target.secure
              ? 'over https (encrypted).'
              : target.loopback
                ? 'over plain http, on this machine (loopback).'
                : 'over plain http://: anyone on the way can read them.'}{' '}
            {sent.approved === null
              ? 'The flow lists no approved hosts (Privacy report).'
              : sent.approved
                ? 'The host is in Approved hosts.'
                : 'The host is not in Approved hosts (Privacy report).'}
          </span>
        </p>
      )}
      {collected.length > 0 && (
        <ul className="privacy-variables" aria-label="Personal variables set in this flow">
          {collected.map((variable) => (
            <li key={variable.name}>
              <code>{variable.name}</code>{' '}
              <span className="muted">{describePersonalReasons(variable.reasons)}</span>
            </li>
          ))}
        </ul>
      )}
      {profile.length > 0 && (
        <p className="privacy-profile">
          <span className="muted">Customer profile, with every call: </span>
          {profile.map((variable, index) => (
            <span key={variable.name} title={describePersonalReasons(variable.reasons)}>
              <code>{variable.name}</code>
              {index < profile.length - 1 ? ', ' : ''}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
