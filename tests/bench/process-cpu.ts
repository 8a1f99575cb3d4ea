/**
 * CPU time of this process and of its child processes' trees (Chromium's browser, renderer, GPU
 * and utility processes), for benches that compare two ways of doing the same work in one run on
 * a loaded machine: wall-clock figures move with the load, CPU time per unit of work much less.
 * Linux only (/proc); elsewhere the children count as 0 and `children` says so.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on every Linux the bench runs on

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, ms */
  cpuMs: number;
}

function readStat(pid: string): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid: Number(pid), ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return null; // gone meanwhile
  }
}

/** CPU ms so far of every process below this one (not this one). */
function descendantsCpuMs(): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const stats = entries.map(readStat).filter((s): s is ProcStat => s !== null);
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let total = 0;
  const queue = [...(children.get(process.pid) ?? [])];
  for (let s = queue.pop(); s; s = queue.pop()) {
    total += s.cpuMs;
    queue.push(...(children.get(s.pid) ?? []));
  }
  return total;
}

export interface CpuReading {
  selfMs: number;
  /** null where /proc is not there */
  childrenMs: number | null;
}

export function readCpu(): CpuReading {
  const usage = process.cpuUsage();
  return { selfMs: (usage.user + usage.system) / 1000, childrenMs: descendantsCpuMs() };
}

/** `to - from`, per part. */
export function cpuSince(from: CpuReading, to: CpuReading = readCpu()): CpuReading {
  return {
    selfMs: to.selfMs - from.selfMs,
    childrenMs: from.childrenMs === null || to.childrenMs === null ? null : to.childrenMs - from.childrenMs,
  };
}
