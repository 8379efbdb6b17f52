// Resident memory and CPU time of a process from /proc (Linux), sampled over a period.
import { readFile } from 'node:fs/promises';

const TICKS = 100; // USER_HZ on Linux

export interface ProcSample {
  at: number;
  rssMb: number;
  cpuSeconds: number;
}

export async function sampleProc(pid: number): Promise<ProcSample> {
  const [stat, status] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8')]);
  // Fields after the parenthesised command name: utime and stime are the 14th and 15th fields overall.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / TICKS;
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return { at: Date.now(), rssMb: rssKb / 1024, cpuSeconds };
}
