import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import type { MachineInfo } from './results.js';

/** Describes this machine for the figures taken on it. */
export function machineInfo(): MachineInfo {
  const cores = cpus();
  return {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}
