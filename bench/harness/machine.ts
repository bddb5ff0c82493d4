import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  chromium: string;
  platform: string;
  date: string;
}

export function describeMachine(chromiumPath: string | undefined): MachineInfo {
  let chromium = 'unknown';
  if (chromiumPath) {
    try {
      chromium = execFileSync(chromiumPath, ['--version'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      chromium = `${chromiumPath} (version not readable)`;
    }
  }
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
}
