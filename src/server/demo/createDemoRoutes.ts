import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  demoBrokenPath,
  demoCrmLookupPath,
  demoSlowPath,
} from '../../domain/webservice/demoEndpointPaths';
import { maxTestRequestBytes } from '../../domain/webservice/webServiceTestApi';
import { readJsonRequestBody } from '../readRequestBody';
import type { RouteTable } from '../RouteTable';
import { sendJson } from '../sendJson';

export { demoBrokenPath, demoCrmLookupPath, demoSlowPath };

export const defaultSlowDelayMs = 5_000;
/** Past the platform's 20 s and the chat's 30 s, and past the test route's 60 s maximum. */
export const maxSlowDelayMs = 65_000;

const customerTiers = ['gold', 'silver', 'bronze'] as const;
/** The demo flow branches on `gold`, so its sample customer must be one. */
const knownCustomerTiers: Record<string, (typeof customerTiers)[number]> = {
  'john.smith@example.org': 'gold',
};

const crmLookupBodySchema = z.object({
  variables: z.object({ email: z.string().trim().min(1) }),
});

/**
 * Endpoints that play the author's API, so the test bench can be tried without writing one:
 * a CRM lookup by email, a slow answer and a broken server. They need no Flowbench token.
 */
export function createDemoRoutes(): RouteTable {
  return {
    [demoCrmLookupPath]: { POST: answerCrmLookup },
    [demoSlowPath]: { POST: answerSlowly },
    [demoBrokenPath]: { POST: answerBroken },
  };
}

async function answerCrmLookup(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readJsonRequestBody(
    request,
    response,
    maxTestRequestBytes,
    'The body is not JSON.',
  );
  if (body.answered) return;
  const parsed = crmLookupBodySchema.safeParse(body.json);
  if (!parsed.success) {
    sendJson(response, 400, { error: 'variables.email is missing.' });
    return;
  }
  sendJson(response, 200, { data: { variables: lookUpCustomer(parsed.data.variables.email) } });
}

/** The demo CRM's record for an email: names from its local part, a tier from a stable hash. */
export function lookUpCustomer(email: string): {
  firstname: string;
  lastname: string;
  customer_tier: string;
} {
  const normalized = email.trim().toLowerCase();
  const localPart = normalized.split('@', 1)[0] ?? '';
  const [first = '', ...rest] = localPart.split(/[._+-]+/).filter((part) => part !== '');
  return {
    firstname: capitalize(first),
    lastname: rest.map(capitalize).join(' '),
    customer_tier:
      knownCustomerTiers[normalized] ??
      customerTiers[fnv1a(normalized) % customerTiers.length] ??
      'bronze',
  };
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

function answerSlowly(request: IncomingMessage, response: ServerResponse): void {
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams.get('delay_ms');
  const requested = query === null || query === '' ? defaultSlowDelayMs : Number(query);
  if (!Number.isInteger(requested) || requested < 0) {
    sendJson(response, 400, { error: 'delay_ms must be a whole number of milliseconds.' });
    return;
  }
  const delayMs = Math.min(requested, maxSlowDelayMs);
  request.resume();
  const timer = setTimeout(() => {
    sendJson(response, 200, { data: { variables: { slow_delay_ms: String(delayMs) } } });
  }, delayMs);
  response.on('close', () => clearTimeout(timer));
}

function answerBroken(request: IncomingMessage, response: ServerResponse): void {
  request.resume();
  const html =
    '<!doctype html><html><head><title>500 Internal Server Error</title></head>' +
    '<body><h1>Internal Server Error</h1><p>The demo server is broken on purpose.</p></body></html>';
  response.writeHead(500, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
  });
  response.end(html);
}
