// `npm run bench`: loads the TypeScript harness through Vite's module runner (no build step).
import { runnerImport } from 'vite';

const { module } = await runnerImport(new URL('./runBench.ts', import.meta.url).pathname);
await module.main(process.argv.slice(2));
