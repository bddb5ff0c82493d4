import { hostname, networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describeServerStart, readServerSettings } from './readServerSettings';
import { serverUrl, startServer } from './startServer';

const read = readServerSettings(process.env, hostname());
if (!read.ok) {
  console.error(read.error);
  process.exit(1);
}
const { settings } = read;

try {
  const server = await startServer({
    ...settings,
    clientDir: fileURLToPath(new URL('../client', import.meta.url)),
  });
  const networkAddresses = Object.values(networkInterfaces())
    .flat()
    .flatMap((entry) =>
      entry && !entry.internal && entry.family === 'IPv4' ? [entry.address] : [],
    );
  for (const line of describeServerStart(settings, serverUrl(server), networkAddresses)) {
    console.log(line);
  }
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`Flowbench could not listen on ${settings.host}:${settings.port}: ${reason}`);
  process.exit(1);
}
