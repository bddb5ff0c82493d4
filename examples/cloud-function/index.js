import { createHash, timingSafeEqual } from 'node:crypto';
import * as functions from '@google-cloud/functions-framework';

/**
 * A WebService endpoint for the chat platform: it receives the platform's POST
 * ({ process_definition_id, process_instance_id, params, variables }) and answers
 * { data: { variables } } with string values, which the flow can then use as {{firstname}} etc.
 *
 * Like the platform's documented server example it answers 403 without the right
 * `Authorization: Bearer <API_TOKEN>` and 400 when a variable it needs is missing.
 */
functions.http('crmLookup', (req, res) => {
  if (req.method !== 'POST') {
    res.set('Allow', 'POST').status(405).json({ error: 'Use POST.' });
    return;
  }
  const apiToken = process.env.API_TOKEN;
  if (!apiToken) {
    res.status(500).json({ error: 'API_TOKEN is not configured.' });
    return;
  }
  if (!isBearer(req.get('authorization'), apiToken)) {
    res.status(403).json({ error: 'Forbidden.' });
    return;
  }
  const variables = req.body?.variables;
  const email = typeof variables?.email === 'string' ? variables.email.trim().toLowerCase() : '';
  if (email === '') {
    res.status(400).json({ error: 'variables.email is missing.' });
    return;
  }
  res.json({ data: { variables: lookUpCustomer(email) } });
});

/** Compares hashes, so the check takes the same time whatever the length of the guess. */
function isBearer(header, token) {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match) return false;
  const digest = (text) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(match[1].trim()), digest(token));
}

/** Stands in for a real CRM query. Every value the platform receives must be a string. */
function lookUpCustomer(email) {
  const [first = '', ...rest] = email
    .split('@')[0]
    .split(/[._+-]+/)
    .filter((part) => part !== '');
  const capitalize = (word) => word.charAt(0).toUpperCase() + word.slice(1);
  return {
    firstname: capitalize(first),
    lastname: rest.map(capitalize).join(' '),
    customer_tier: email.endsWith('@example.org') ? 'gold' : 'silver',
    crm_checked_at: new Date().toISOString(),
  };
}
