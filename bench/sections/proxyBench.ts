import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { z } from 'zod';
import {
  composeWebServiceRequest,
  sampleValuesOf,
} from '../../src/domain/webservice/composeWebServiceRequest';
import { emptyTestBench } from '../../src/domain/webservice/testBenchRecords';
import { variablesAtNode } from '../../src/domain/webservice/variablesAtNode';
import {
  webServiceTestPath,
  webServiceTestSessionPath,
  webServiceTestTokenHeader,
} from '../../src/domain/webservice/webServiceTestApi';
import { createLargeFlow } from '../createLargeFlow';
import type { BenchRow } from '../harness/report';
import { startFlowbenchServer, stopProcess, waitUntilServing } from '../harness/servers';
import { median, percentile, sleep } from '../harness/stats';

/*
 * The same POST sent straight to a local endpoint and through Flowbench's test route, calls of
 * the two kinds interleaved so that the machine's noise hits both alike. Every phase is bounded
 * by a number of calls and a time.
 */

/** The endpoint: answers every POST with the same JSON after reading the body; `/slow` waits. */
const upstreamScript = `
const answer = JSON.stringify({ data: { variables: Object.fromEntries(Array.from({ length: 20 }, (_, i) => ['crm_field_' + i, 'value ' + i])) } });
require('node:http').createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const reply = () => response.writeHead(200, { 'Content-Type': 'application/json' }).end(answer);
    if (request.url === '/slow') setTimeout(reply, ${25}); else reply();
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

const envelopeSchema = z.object({
  outcome: z.string(),
  timings: z.object({ totalMs: z.number() }).optional(),
});

const concurrency = 50;

interface Call {
  ms: number;
  /** What the envelope reported (through the proxy only). */
  envelopeMs?: number;
}

export async function runProxyBench(
  nextPort: () => Promise<number>,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const upstreamPort = await nextPort();
  const upstream = spawn(process.execPath, ['-e', upstreamScript], {
    env: { ...process.env, PORT: String(upstreamPort) },
    stdio: 'ignore',
  });
  const app = await startFlowbenchServer(await nextPort(), {
    FLOWBENCH_MAX_CALLS: `${concurrency + 14},${concurrency + 14}`,
  });
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency * 2 });
  try {
    const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;
    await waitUntilServing(upstreamUrl, performance.now());
    const payload = platformPayload();
    const token = await sessionToken(app.url);
    const direct = (path = '/') => timedPost(agent, `${upstreamUrl}${path}`, payload, {});
    const proxied = async (path = '/'): Promise<Call> => {
      const call = await timedPost(
        agent,
        `${app.url}${webServiceTestPath}`,
        JSON.stringify({ url: `${upstreamUrl}${path}`, body: payload, timeoutMs: 5000 }),
        { Origin: app.url, [webServiceTestTokenHeader]: token },
      );
      const envelope = envelopeSchema.parse(JSON.parse(call.body));
      if (envelope.outcome !== 'ok') throw new Error(`The proxy answered ${call.body}`);
      return { ms: call.ms, envelopeMs: envelope.timings?.totalMs };
    };

    log('proxy: warm-up');
    for (let call = 0; call < 100; call += 1) {
      await direct();
      await proxied();
    }

    log('proxy: sequential, interleaved');
    const sequential: Record<'direct' | 'proxied', Call[]> = { direct: [], proxied: [] };
    const sequentialUntil = performance.now() + 6000;
    for (let pair = 0; pair < 3000 && performance.now() < sequentialUntil; pair += 1) {
      sequential.direct.push(await direct());
      sequential.proxied.push(await proxied());
    }

    log(`proxy: ${concurrency} at a time, interleaved`);
    const concurrent = { direct: 0, proxied: 0, directMs: 0, proxiedMs: 0 };
    for (let round = 0; round < 3; round += 1) {
      const directRound = await callsPerSecond(() => direct());
      concurrent.direct += directRound.calls;
      concurrent.directMs += directRound.ms;
      const proxiedRound = await callsPerSecond(() => proxied());
      concurrent.proxied += proxiedRound.calls;
      concurrent.proxiedMs += proxiedRound.ms;
    }

    log('proxy: envelope latency against a 25 ms endpoint');
    const slow: Record<'direct' | 'proxied', Call[]> = { direct: [], proxied: [] };
    for (let pair = 0; pair < 40; pair += 1) {
      slow.direct.push(await direct('/slow'));
      slow.proxied.push(await proxied('/slow'));
    }

    const directMs = sequential.direct.map((call) => call.ms);
    const proxiedMs = sequential.proxied.map((call) => call.ms);
    const addedAt = (fraction: number) =>
      percentile(proxiedMs, fraction) - percentile(directMs, fraction);
    const perSecond = (calls: Call[]) =>
      (1000 * calls.length) / calls.reduce((total, call) => total + call.ms, 0);
    const slowEnvelope = median(slow.proxied.flatMap((call) => call.envelopeMs ?? []));
    const slowClient = median(slow.direct.map((call) => call.ms));
    const section = 'proxy';
    const note = `${sequential.proxied.length} calls each way, ${Buffer.byteLength(payload)} B payload`;
    return [
      {
        section,
        figure: 'added latency p50, loopback',
        unit: 'ms',
        better: 'lower',
        flowbench: addedAt(0.5),
        baseline: null,
        target: { value: 0.5 },
        note: `${note}; direct p50 ${percentile(directMs, 0.5).toFixed(2)} ms, through the proxy ${percentile(proxiedMs, 0.5).toFixed(2)} ms`,
      },
      {
        section,
        figure: 'added latency p99, loopback',
        unit: 'ms',
        better: 'lower',
        flowbench: addedAt(0.99),
        baseline: null,
        target: { value: 3 },
        note: `direct p99 ${percentile(directMs, 0.99).toFixed(2)} ms, through the proxy ${percentile(proxiedMs, 0.99).toFixed(2)} ms`,
      },
      {
        section,
        figure: 'sequential throughput (baseline: direct)',
        unit: 'calls/s',
        better: 'higher',
        flowbench: perSecond(sequential.proxied),
        baseline: perSecond(sequential.direct),
        target: { value: 1000 },
      },
      {
        section,
        figure: `throughput at concurrency ${concurrency} (baseline: direct)`,
        unit: 'calls/s',
        better: 'higher',
        flowbench: (1000 * concurrent.proxied) / concurrent.proxiedMs,
        baseline: (1000 * concurrent.direct) / concurrent.directMs,
        target: { value: 3000 },
      },
      {
        section,
        figure: 'envelope latency − client-measured, 25 ms endpoint',
        unit: 'ms',
        better: 'lower',
        flowbench: Math.abs(slowEnvelope - slowClient),
        baseline: null,
        target: { value: 2 },
        note: `envelope median ${slowEnvelope.toFixed(2)} ms, direct client median ${slowClient.toFixed(2)} ms`,
      },
    ];
  } finally {
    agent.destroy();
    await app.stop();
    await stopProcess(upstream);
  }
}

/** The platform's body for the last WebService of a generated flow: real variable names. */
function platformPayload(): string {
  const flow = createLargeFlow(120);
  const nodeId = flow.nodes.findLast((node) => node.type === 'web-service')?.id ?? 'end';
  const composed = composeWebServiceRequest({
    flowId: flow.id,
    processInstanceId: 'bench-chat',
    endpoint: { url: 'http://127.0.0.1/', authorization: '' },
    variables: sampleValuesOf(variablesAtNode(flow, nodeId)),
    testValues: emptyTestBench(flow.id, nodeId),
  });
  return composed.bodyText;
}

async function sessionToken(appUrl: string): Promise<string> {
  const answer = await fetch(`${appUrl}${webServiceTestSessionPath}`);
  return z.object({ token: z.string() }).parse(await answer.json()).token;
}

/** One POST, timed from sending to the last byte of the answer. */
function timedPost(
  agent: Agent,
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ ms: number; body: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            ms: performance.now() - started,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** `concurrency` callers in a loop for about a second: calls completed and time taken. */
async function callsPerSecond(
  call: () => Promise<unknown>,
): Promise<{ calls: number; ms: number }> {
  const started = performance.now();
  const until = started + 1000;
  let calls = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until && calls < 20_000) {
        await call();
        calls += 1;
      }
    }),
  );
  // Let sockets settle between rounds so one kind's tail does not slow the other's start.
  const ms = performance.now() - started;
  await sleep(50);
  return { calls, ms };
}
