import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  os: string;
  kernel: string;
  node: string;
  chromium: string;
  chromiumPath: string;
  /** load average at the start (other work on the machine makes wall times noisy) */
  loadAverage: number[];
  /** and at the end */
  loadAverageEnd?: number[];
}

function osName(): string {
  try {
    if (existsSync('/etc/os-release')) {
      const m = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
      if (m) return m[1];
    }
  } catch {
    // fall through
  }
  return process.platform;
}

export function machineInfo(chromiumPath: string): MachineInfo {
  let chromium = 'unknown';
  try {
    chromium = execFileSync(chromiumPath, ['--version'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // reported as unknown
  }
  const c = cpus();
  return {
    cpu: c[0]?.model ?? 'unknown',
    cores: c.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    os: osName(),
    kernel: release(),
    node: process.version,
    chromium,
    chromiumPath,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
