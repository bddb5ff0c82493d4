import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serverUrl, startServer } from './startServer';

const host = process.env.HOST?.trim() || '127.0.0.1';
const rawPort = process.env.PORT?.trim();
const port = rawPort ? Number(rawPort) : 4173;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got ${JSON.stringify(process.env.PORT)}`);
  process.exit(1);
}

try {
  const server = await startServer({
    host,
    port,
    clientDir: fileURLToPath(new URL('../client', import.meta.url)),
    extraHostNames: hostNamesOf(host),
  });
  console.log(`Flowbench is running at ${serverUrl(server)}`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`Flowbench could not listen on ${host}:${port}: ${reason}`);
  process.exit(1);
}

/** A specific HOST is also a name the page is opened under; a wildcard address is not. */
function hostNamesOf(listenHost: string): string[] {
  if (['0.0.0.0', '::', '[::]'].includes(listenHost)) return [];
  return [isIP(listenHost) === 6 ? `[${listenHost}]` : listenHost];
}
