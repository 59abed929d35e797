import { Alert, Button, ProgressBar } from '@/components/ui';
import { formatDateTime, formatNumber } from '@/components/pages/locale';
import { t, type MessageKey } from '@/lib/i18n';
import type { AccountSyncView, SyncJobView } from '@/lib/messaging/protocol-sync';
import type { JobKind } from '@/lib/sync/schemas';

/** The order the popup lists jobs in (the order a full sync runs them). */
const JOB_ORDER: readonly JobKind[] = ['catalog', 'listings', 'reconcile', 'offers', 'orders', 'ordersNightly', 'shipments'];

const jobLabel = (kind: JobKind) => t(`sync_job_${kind}` as MessageKey);

function Health({ account, now }: { account: AccountSyncView; now: number }) {
  const h = account.health;
  const tone = !h.tokenValid || (h.daysLeft !== undefined && h.daysLeft < 0) ? 'danger' : h.warn ? 'warning' : 'success';
  const lines: string[] = [];
  lines.push(h.tokenValid ? t('sync_token_ok') : t('sync_token_bad', [h.authError ? `${h.authError.title}. ${h.authError.fix}` : '']));
  if (h.daysLeft === undefined) lines.push(t('sync_reauth_unknown'));
  else if (h.daysLeft < 0 || (h.reauthorizeBy !== undefined && h.reauthorizeBy <= now)) lines.push(t('sync_reauth_due'));
  else lines.push(t('sync_reauth_in', [formatNumber(h.daysLeft), formatDateTime(h.reauthorizeBy!)]));
  return (
    <div data-testid="sync-health" data-warn={h.warn} data-token-valid={h.tokenValid} data-days-left={h.daysLeft ?? ''}>
      <Alert tone={tone} title={t('sync_health')}>
        {lines.map((l) => (
          <p key={l} className="text-xs">
            {l}
          </p>
        ))}
      </Alert>
    </div>
  );
}

/** A run's count in words ("accepted 124"); a count the engine adds later shows its key. */
function countText(key: string, value: string): string {
  const id = `sync_count_${key}` as MessageKey;
  const text = t(id, [value]);
  return text === id ? `${key} ${value}` : text;
}

function Counts({ counts }: { counts: Record<string, number> }) {
  const entries = Object.entries(counts).filter(([k, v]) => v > 0 && !k.endsWith('Ms'));
  if (entries.length === 0) return null;
  return (
    <p className="text-xs text-slate-700" data-testid="sync-counts">
      {entries.map(([k, v]) => countText(k, formatNumber(v))).join(' · ')}
    </p>
  );
}

function Job({ job, now, busy, onSyncNow }: { job: SyncJobView; now: number; busy: boolean; onSyncNow: () => void }) {
  const last = job.lastRun;
  const p = job.progress;
  const errorCount = last?.errors ?? 0;
  return (
    <li
      data-testid={`sync-job-${job.kind}`}
      data-running={job.running}
      data-outcome={last?.outcome ?? ''}
      data-counts={JSON.stringify(last?.counts ?? {})}
      data-resumed={last?.resumed ?? 0}
      data-finished-at={last?.finishedAt ?? ''}
      className="flex flex-col gap-1 rounded-md border border-slate-200 bg-white px-3 py-2"
    >
      <div className="flex items-center justify-between gap-2">
        <h4 className="text-sm font-medium">{jobLabel(job.kind)}</h4>
        <Button size="sm" data-testid={`sync-now-${job.kind}`} disabled={job.running} onClick={onSyncNow} aria-label={`${t('sync_now')}: ${jobLabel(job.kind)}`}>
          {t('sync_now')}
        </Button>
      </div>
      {job.running ? (
        <div className="flex flex-col gap-1">
          <ProgressBar testId="sync-progress" value={p?.total ? p.done : undefined} max={p?.total || 100} label={`${jobLabel(job.kind)}: ${t('sync_running')}`} />
          <p className="text-xs text-slate-600">
            {p ? (p.total ? t('sync_progress_total', [p.phase, formatNumber(p.done), formatNumber(p.total)]) : t('sync_progress', [p.phase, formatNumber(p.done)])) : t('sync_running')}
          </p>
        </div>
      ) : busy ? (
        <p className="text-xs text-slate-600">{t('sync_now_busy')}</p>
      ) : null}
      {last && last.outcome !== 'running' ? (
        <>
          <p className="text-xs text-slate-600">
            {t(`sync_outcome_${last.outcome}` as MessageKey)}
            {' · '}
            {t('sync_last_run', [formatDateTime(last.finishedAt ?? last.startedAt)])}
            {errorCount > 0 && ` · ${t('sync_errors', [formatNumber(errorCount)])}`}
          </p>
          <Counts counts={last.counts} />
          {last.resumed > 0 && <p className="text-xs text-slate-600">{t('sync_resumed', [last.resumed])}</p>}
          {last.error && (
            <p className="text-xs text-red-800" data-testid="sync-run-error" data-code={last.error.code}>
              <strong>{last.error.title}.</strong> {last.error.explanation} {last.error.fix}
            </p>
          )}
        </>
      ) : (
        !job.running && !last && <p className="text-xs text-slate-600">{t('sync_never')}</p>
      )}
      {job.resumable && !job.running && <p className="text-xs text-amber-800">{t('sync_resumable')}</p>}
      {job.problems.length > 0 && (
        <ul className="flex flex-col gap-1" data-testid="sync-problems">
          {job.problems.map((pr) => (
            <li key={`${pr.at}-${pr.subjectId}-${pr.code}`} className="text-xs" data-code={pr.code}>
              <span className="font-medium">{pr.subjectId}</span>: <span className="font-semibold">{pr.title}</span> — {pr.explanation} {pr.fix}
            </li>
          ))}
        </ul>
      )}
      {job.nextRunAt !== undefined && !job.running && (
        <p className="text-xs text-slate-500">{job.nextRunAt <= now + 60_000 ? t('sync_next_run_soon') : t('sync_next_run', [formatDateTime(job.nextRunAt)])}</p>
      )}
    </li>
  );
}

/** One Amazon account in the popup: health, then each enabled job. */
export function SyncAccount({ account, now, busy, onSyncNow }: { account: AccountSyncView; now: number; busy: Record<string, boolean>; onSyncNow: (job: JobKind) => void }) {
  const jobs = JOB_ORDER.map((k) => account.jobs.find((j) => j.kind === k)).filter((j): j is SyncJobView => !!j && j.enabled);
  const o = account.orders;
  return (
    <article data-testid="sync-account" data-account-id={account.accountId} className="flex flex-col gap-2 rounded-md border border-slate-200 bg-slate-50 p-2">
      <h3 className="text-sm font-semibold">
        {account.name} <span className="font-normal text-slate-600">({account.marketplaces.join(', ')})</span>
      </h3>
      <Health account={account} now={now} />
      <p className="text-xs text-slate-700" data-testid="sync-orders">
        {t('sync_orders_summary', [formatNumber(o['imported'] ?? 0), formatNumber(o['pending'] ?? 0), formatNumber(o['error'] ?? 0)])}
      </p>
      <ul className="flex flex-col gap-2">
        {jobs.map((j) => (
          <Job key={j.kind} job={j} now={now} busy={!!busy[`${account.accountId}:${j.kind}`]} onSyncNow={() => onSyncNow(j.kind)} />
        ))}
      </ul>
    </article>
  );
}
