/**
 * Messages of the sync engine's UI (popup: status, "Sync now"; options: rules saved). Merged into the
 * protocol in protocol.ts. All are privileged (`extension` pages only): status names accounts and orders, "Sync now"
 * spends API quota. Neither ever carries a credential.
 */
import { z } from 'zod';
import { JobKind } from '../sync/schemas';

/** A plain explanation of a code, in the seller's language. */
export const ExplainedError = z.object({
  code: z.string(),
  message: z.string(),
  title: z.string(),
  explanation: z.string(),
  fix: z.string(),
});
export type ExplainedError = z.infer<typeof ExplainedError>;

/** One problem logged by a run (an item's error or warning), explained. */
export const SyncProblemView = ExplainedError.extend({
  at: z.number(),
  level: z.enum(['error', 'warning', 'info']),
  subjectType: z.string(),
  subjectId: z.string(),
});
export type SyncProblemView = z.infer<typeof SyncProblemView>;

/** The last (or current) run of a job. */
export const RunView = z.object({
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  outcome: z.enum(['running', 'ok', 'partial', 'failed', 'skipped', 'interrupted']),
  counts: z.record(z.string(), z.number()),
  errors: z.number(),
  /** Why a failed run stopped, explained. */
  error: ExplainedError.optional(),
  /** How many times the run was resumed from its checkpoint (a killed worker). */
  resumed: z.number(),
});
export type RunView = z.infer<typeof RunView>;

/** One job of one account. */
export const SyncJobView = z.object({
  kind: JobKind,
  enabled: z.boolean(),
  running: z.boolean(),
  progress: z.object({ phase: z.string(), done: z.number(), total: z.number().optional() }).optional(),
  lastRun: RunView.optional(),
  nextRunAt: z.number().optional(),
  /** A checkpoint waits to be resumed. */
  resumable: z.boolean(),
  /** The first problems of the job's latest runs, newest first. */
  problems: z.array(SyncProblemView),
});
export type SyncJobView = z.infer<typeof SyncJobView>;

/** Account health: token, yearly re-authorization. */
export const AccountHealthView = z.object({
  tokenValid: z.boolean(),
  authError: z.object({ code: z.string(), title: z.string(), fix: z.string() }).optional(),
  reauthorizeBy: z.number().optional(),
  daysLeft: z.number().optional(),
  /** Warn: token invalid, or re-authorization due within 30 days. */
  warn: z.boolean(),
});
export type AccountHealthView = z.infer<typeof AccountHealthView>;

/** Sync status of one Amazon account. */
export const AccountSyncView = z.object({
  accountId: z.string(),
  name: z.string(),
  marketplaces: z.array(z.string()),
  health: AccountHealthView,
  jobs: z.array(SyncJobView),
  orders: z.record(z.string(), z.number()),
});
export type AccountSyncView = z.infer<typeof AccountSyncView>;

export const syncProtocol = {
  'sync.status': {
    from: 'extension',
    request: z.object({}),
    response: z.object({ accounts: z.array(AccountSyncView), now: z.number() }),
  },
  'sync.now': {
    from: 'extension',
    request: z.object({ accountId: z.string().min(1).max(100), job: JobKind }),
    response: z.object({
      state: z.enum(['started', 'busy', 'skipped', 'done', 'unknown_account']),
      outcome: z.string().optional(),
    }),
  },
  /** The options page saved an account's sync rules: re-register its alarms from the new schedule. */
  'sync.settingsChanged': {
    from: 'extension',
    request: z.object({ accountId: z.string().min(1).max(100) }),
    response: z.object({
      state: z.enum(['rescheduled', 'unknown_account']),
      /** Names of the account's alarms after rescheduling. */
      alarms: z.array(z.string()),
    }),
  },
} as const;
