import type { SkulinkDexie } from '../db/db';
import type { Handlers } from '../messaging/router';
import type { AccountSyncView, SyncJobView, syncProtocol } from '../messaging/protocol-sync';
import { explain } from '../sync/explanations';
import type { Language, LogRow } from '../sync/schemas';
import { syncWiringFor, type AccountSyncStatus, type SyncWiring } from './sync-wiring';

/** How many problems the popup gets per job (the first few, newest first). */
export const PROBLEMS_PER_JOB = 3;

/** The popup's view of one account's engine status: explained errors, problems grouped per job. */
export function toAccountView(s: AccountSyncStatus, language: Language = 'en'): AccountSyncView {
  const byJob = new Map<string, LogRow[]>();
  for (const p of s.recentProblems) {
    if (!p.jobId) continue;
    const list = byJob.get(p.jobId) ?? [];
    if (list.length < PROBLEMS_PER_JOB) list.push(p);
    byJob.set(p.jobId, list);
  }
  const jobs: SyncJobView[] = s.jobs.map((j) => {
    const last = j.lastRun;
    const err = last?.error;
    return {
      kind: j.kind,
      enabled: j.enabled,
      running: j.running,
      progress: j.progress,
      nextRunAt: j.nextRunAt,
      resumable: j.resumable,
      lastRun: last && {
        startedAt: last.startedAt,
        finishedAt: last.finishedAt,
        outcome: last.outcome,
        counts: last.counts,
        errors: last.errors,
        resumed: last.resumed,
        error: err && { code: err.code, message: err.message, ...explain(err.code, language, {}, err.message) },
      },
      problems: (byJob.get(j.jobId) ?? []).map((p) => ({
        at: p.at,
        level: p.level,
        code: p.code,
        message: p.message,
        subjectType: p.subjectType,
        subjectId: p.subjectId,
        title: p.title,
        explanation: p.explanation,
        fix: p.fix,
      })),
    };
  });
  const a = s.account;
  return {
    accountId: s.accountId,
    name: s.name,
    marketplaces: s.marketplaces,
    health: { tokenValid: a.tokenValid, authError: a.authError, reauthorizeBy: a.reauthorizeBy, daysLeft: a.daysLeft, warn: a.warn },
    jobs,
    orders: s.orders,
  };
}

/**
 * Handlers of the sync UI's messages: `sync.status` (per account and job, for the popup),
 * `sync.now` (start a job; the engine's lease makes a second concurrent run a no-op) and
 * `sync.settingsChanged` (the options page saved an account's rules: its alarms follow the new schedule).
 * The wiring is the worker's one (see sync-wiring.ts); tests pass their own.
 */
export function createSyncHandlers(db: SkulinkDexie, wiring: SyncWiring = syncWiringFor(db), now: () => number = Date.now): Pick<Handlers, keyof typeof syncProtocol> {
  return {
    'sync.status': async () => {
      const statuses = await wiring.status();
      return { accounts: statuses.map((s) => toAccountView(s, s.language)), now: now() };
    },
    'sync.now': async ({ accountId, job }) => {
      const r = await wiring.runNow(accountId, job);
      return { state: r.state, outcome: r.result?.outcome };
    },
    'sync.settingsChanged': async ({ accountId }) => {
      const alarms = await wiring.reschedule(accountId);
      return alarms ? { state: 'rescheduled', alarms } : { state: 'unknown_account', alarms: [] };
    },
  };
}
