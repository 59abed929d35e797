/**
 * Fault injection for the sandbox: tests (or POST /_sandbox/faults) queue faults that the next
 * matching requests suffer. Each fault is used `count` times, then dropped.
 */

/** What can go wrong. */
export type FaultKind = 'timeout' | '500' | '429-storm' | 'malformed' | 'expired-token';

/** A fault to inject; `operation` is an SP-API operationId (or 'lwaToken'); omitted = any operation. */
export interface FaultSpec {
  operation?: string;
  kind: FaultKind;
  count?: number;
}

/** The fault queue the server consults. */
export interface Faults {
  inject(fault: FaultSpec): void;
  clear(): void;
  /** Faults not used up yet. */
  pending(): Required<FaultSpec>[];
  /** Use one matching fault of one of `kinds` for `operation`, if any. */
  take(operation: string, kinds: readonly FaultKind[]): FaultKind | undefined;
  /** How many faults were served, per kind. */
  served: Record<FaultKind, number>;
}

const KINDS: readonly FaultKind[] = ['timeout', '500', '429-storm', 'malformed', 'expired-token'];

/** Create an empty fault queue. */
export function createFaults(): Faults {
  const queue: { operation?: string; kind: FaultKind; remaining: number }[] = [];
  const served = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  return {
    served,
    inject(f) {
      if (!KINDS.includes(f.kind)) throw new Error(`unknown fault kind ${String(f.kind)}`);
      queue.push({ operation: f.operation, kind: f.kind, remaining: Math.max(1, f.count ?? 1) });
    },
    clear() {
      queue.length = 0;
    },
    pending() {
      return queue.map((q) => ({ operation: q.operation ?? '*', kind: q.kind, count: q.remaining }));
    },
    take(operation, kinds) {
      const i = queue.findIndex((q) => kinds.includes(q.kind) && (q.operation === undefined || q.operation === operation));
      if (i < 0) return undefined;
      const f = queue[i]!;
      f.remaining--;
      if (f.remaining <= 0) queue.splice(i, 1);
      served[f.kind]++;
      return f.kind;
    },
  };
}
