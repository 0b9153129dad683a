// CPU accounting for the load bench, from /proc (Linux): per thread of a process, and per core of the machine.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) of each thread of `pid`, by thread id; empty when /proc is not there. */
export function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
    }
  } catch {
    // the process is gone or this is not Linux: no figures
  }
  return out;
}

/** [busy, total] jiffies of each core. */
export function cpuTimes(): [number, number][] {
  try {
    return readFileSync('/proc/stat', 'utf8').split('\n').filter((l) => /^cpu\d/.test(l)).map((line) => {
      const v = line.trim().split(/\s+/).slice(1).map(Number);
      const idle = (v[3] ?? 0) + (v[4] ?? 0);
      const total = v.reduce((a, b) => a + b, 0);
      return [total - idle, total];
    });
  } catch {
    return [];
  }
}

/** Busy fraction of each core between two `cpuTimes()` readings. */
export function machineCpu(before: [number, number][], after: [number, number][]): number[] {
  return after.map(([busy, total], i) => {
    const [b0, t0] = before[i] ?? [0, 0];
    return total > t0 ? (busy - b0) / (total - t0) : 0;
  });
}
