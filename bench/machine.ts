import { cpus, freemem, totalmem } from 'node:os';

/** The facts every benchmark prints first, so its figures can be compared across machines. */
export function machineFacts(): string {
  const cpu = cpus();
  return [
    `node ${process.version}, ${cpu.length} cores (${cpu[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory (${(freemem() / 2 ** 30).toFixed(1)} free)`,
  ].join('\n');
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `task` for every item with at most `concurrency` in flight; returns each call's latency in ms. */
export async function pool<T>(items: T[], concurrency: number, task: (item: T) => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const t = performance.now();
        await task(item);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}
