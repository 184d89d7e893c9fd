import type { StepCounts } from './counting';
import type { HttpTotals } from './http-metrics';

export type ProgressEvent =
  | { kind: 'start'; integration: string }
  | { kind: 'step-start'; integration: string; stepId: string; name: string }
  | { kind: 'step-progress'; integration: string; stepId: string; name: string; counts: StepCounts }
  | {
      kind: 'step-end';
      integration: string;
      stepId: string;
      name: string;
      counts: StepCounts;
      durationMs: number;
      error?: string;
    }
  | { kind: 'http'; integration: string; http: HttpTotals }
  | { kind: 'log'; integration: string; level: 'warn' | 'error'; msg: string }
  | { kind: 'done'; integration: string };

export interface Reporter {
  emit(event: ProgressEvent): void;
  close(): void;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
export const httpLine = (h: HttpTotals) =>
  `${fmt(h.requests)} requests · ${fmt(h.retries)} retries · ${fmt(h.rateLimited)} × 429 · rate-limit waits ${secs(h.rateLimitWaitMs)}`;

/**
 * Human progress. On a TTY one live line is rewritten in place (finished
 * steps scroll above it); elsewhere plain lines, plus a heartbeat every few
 * seconds so a long step never looks hung in CI logs.
 */
export function createConsoleReporter(opts: {
  tty: boolean;
  out?: NodeJS.WriteStream;
  heartbeatMs?: number;
}): Reporter {
  const out = opts.out ?? process.stderr;
  const active = new Map<string, { name: string; counts: StepCounts; integration: string }>();
  // One HTTP tally per integration: the demo renders two collections through one reporter.
  const httpBy = new Map<string, HttpTotals>();
  const allHttp = () =>
    [...httpBy]
      .map(([name, h]) => (httpBy.size > 1 ? `${name}: ${httpLine(h)}` : httpLine(h)))
      .join(' | ');
  let lastLive = '';
  const clearLive = () => {
    if (opts.tty && lastLive) out.write('\r\x1b[2K');
    lastLive = '';
  };
  const live = () => {
    if (!opts.tty) return;
    const steps = [...active.values()]
      .map((s) => `${s.name} (${fmt(s.counts.entities)})`)
      .join(', ');
    const line = `  … ${steps || 'working'}${httpBy.size ? ` | ${allHttp()}` : ''}`;
    const width = out.columns ? out.columns - 1 : 160;
    lastLive = line.length > width ? `${line.slice(0, width - 1)}…` : line;
    out.write(`\r\x1b[2K${lastLive}`);
  };
  const print = (line: string) => {
    clearLive();
    out.write(`${line}\n`);
    live();
  };
  const heartbeat = opts.tty
    ? undefined
    : setInterval(() => {
        if (active.size === 0) return;
        const steps = [...active.values()]
          .map((s) => `${s.name}: ${fmt(s.counts.entities)} entities`)
          .join('; ');
        print(`  … still running: ${steps}${httpBy.size ? ` | ${allHttp()}` : ''}`);
      }, opts.heartbeatMs ?? 5000);
  heartbeat?.unref();
  return {
    emit(e) {
      switch (e.kind) {
        case 'step-start':
          active.set(`${e.integration}:${e.stepId}`, {
            name: e.name,
            counts: { entities: 0, relationships: 0 },
            integration: e.integration,
          });
          print(`[${e.integration}] ▶ ${e.name}`);
          break;
        case 'step-progress': {
          const s = active.get(`${e.integration}:${e.stepId}`);
          if (s) s.counts = { ...e.counts };
          live();
          break;
        }
        case 'step-end': {
          const http = httpBy.get(e.integration);
          active.delete(`${e.integration}:${e.stepId}`);
          print(
            `[${e.integration}] ${e.error ? '✗' : '✓'} ${e.name}: ${fmt(e.counts.entities)} entities, ${fmt(e.counts.relationships)} relationships in ${secs(e.durationMs)}` +
              (e.error ? ` — ${e.error}` : '') +
              (http ? ` (so far ${httpLine(http)})` : ''),
          );
          break;
        }
        case 'http':
          httpBy.set(e.integration, e.http);
          live();
          break;
        case 'log':
          print(`[${e.integration}] ${e.level === 'error' ? 'ERROR' : 'WARN '} ${e.msg}`);
          break;
        default:
          break;
      }
    },
    close() {
      if (heartbeat) clearInterval(heartbeat);
      clearLive();
    },
  };
}

/** Sends every event to the parent process (the demo renders both integrations at once). */
export function createIpcReporter(): Reporter {
  return {
    emit(e) {
      process.send?.({ mdmProgress: e });
    },
    close() {},
  };
}
