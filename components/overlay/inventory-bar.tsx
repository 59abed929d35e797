import { useState, useSyncExternalStore } from 'react';
import { t } from '@/lib/i18n';
import type { Send } from '@/lib/messaging/client';
import type { AutoLinkSummary } from '@/lib/domain/link';
import type { OverlayStore } from './store';

interface Props {
  store: OverlayStore;
  send: Send;
  /** Rows changed in bulk: forget cached states and ask again. */
  onBulkChange(): void;
}

type Notice =
  | { kind: 'autolink'; summary: AutoLinkSummary }
  | { kind: 'unlinked'; count: number; batchId: string }
  | { kind: 'undone'; count: number }
  | { kind: 'error'; message: string };

const btn = 'rounded-md border px-2 py-1 text-[12px] font-medium focus:outline-2 focus:outline-offset-1 focus:outline-sky-600 disabled:opacity-50';

/** The page bar: counts, auto-link with its summary, unlink all behind a confirmation, undo. */
export function InventoryBar({ store, send, onBulkChange }: Props) {
  const state = useSyncExternalStore(store.subscribe, store.get);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const [collapsed, setCollapsed] = useState(false);

  async function run(work: () => Promise<Notice>) {
    setBusy(true);
    try {
      setNotice(await work());
      onBulkChange();
    } catch (e) {
      setNotice({ kind: 'error', message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  const { counts } = state;
  if (state.rowsOnPage === 0) {
    if (!state.noRowsFound) return null;
    return (
      <section role="status" aria-label={t('overlay_bar_title')} data-skulink-bar="" data-skulink-problem="no-rows" className="fixed bottom-3 left-3 z-[2147483646] max-w-[480px] rounded-lg border border-amber-300 bg-amber-50 p-2 text-[12px] text-amber-900 shadow-lg">
        <strong className="font-semibold">{t('overlay_bar_title')}: </strong>
        {t('overlay_no_rows')}
      </section>
    );
  }
  return (
    <section
      aria-label={t('overlay_bar_title')}
      data-skulink-bar=""
      className="fixed bottom-3 left-3 z-[2147483646] max-w-[560px] rounded-lg border border-slate-300 bg-white/95 p-2 text-[12px] text-slate-900 shadow-lg"
    >
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="font-semibold text-sky-800" aria-expanded={!collapsed} onClick={() => setCollapsed((c) => !c)}>
          {t('overlay_bar_title')}
        </button>
        <span className="rounded bg-emerald-50 px-1.5 text-emerald-800" data-skulink-count="linked" data-value={counts.linked}>{t('overlay_count_linked', [counts.linked])}</span>
        <span className="rounded bg-slate-100 px-1.5 text-slate-700" data-skulink-count="unlinked" data-value={counts.unlinked}>{t('overlay_count_unlinked', [counts.unlinked])}</span>
        <span className="rounded bg-amber-50 px-1.5 text-amber-800" data-skulink-count="suggested" data-value={counts.suggested}>{t('overlay_count_suggested', [counts.suggested])}</span>
        {!collapsed && (
          <>
            <button
              type="button"
              disabled={busy}
              className={`${btn} border-sky-700 bg-sky-700 text-white hover:bg-sky-800`}
              data-skulink-action="autolink"
              onClick={() => run(async () => ({ kind: 'autolink', summary: await send('autolink.run', {}) }))}
            >
              {busy ? t('overlay_working') : t('overlay_autolink')}
            </button>
            <button type="button" disabled={busy || counts.linked === 0} className={`${btn} border-slate-300 bg-white hover:bg-red-50 hover:text-red-700`} data-skulink-action="unlink-all" onClick={() => setConfirming(true)}>
              {t('overlay_unlink_all')}
            </button>
          </>
        )}
      </div>
      {confirming && (
        <div role="alertdialog" aria-label={t('overlay_unlink_all')} className="mt-2 flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50 p-2">
          <span>{t('overlay_unlink_all_confirm', [counts.linked])}</span>
          <button
            type="button"
            autoFocus
            className={`${btn} border-red-700 bg-red-700 text-white`}
            data-skulink-action="confirm-unlink-all"
            onClick={() => {
              setConfirming(false);
              void run(async () => ({ kind: 'unlinked', ...(await send('links.unlinkAll', {})) }));
            }}
          >
            {t('common_confirm')}
          </button>
          <button type="button" className={`${btn} border-slate-300 bg-white`} onClick={() => setConfirming(false)}>{t('common_cancel')}</button>
        </div>
      )}
      {notice && (
        <div role="status" className="mt-2 flex flex-wrap items-center gap-2" data-skulink-notice={notice.kind}>
          {notice.kind === 'autolink' && (
            <span data-linked={notice.summary.linked} data-already={notice.summary.alreadyLinked} data-nomatch={notice.summary.noMatch} data-ambiguous={notice.summary.ambiguous}>
              {t('overlay_autolink_summary', [notice.summary.linked, notice.summary.alreadyLinked, notice.summary.noMatch, notice.summary.ambiguous])}
            </span>
          )}
          {notice.kind === 'unlinked' && <span>{t('overlay_unlinked_n', [notice.count])}</span>}
          {notice.kind === 'undone' && <span>{t('overlay_undone', [notice.count])}</span>}
          {notice.kind === 'error' && <span className="text-red-700">{t('overlay_failed', [notice.message])}</span>}
          {(notice.kind === 'unlinked' || (notice.kind === 'autolink' && notice.summary.linked > 0 && notice.summary.batchId)) && (
            <button
              type="button"
              disabled={busy}
              className={`${btn} border-slate-300 bg-white`}
              data-skulink-action="undo"
              onClick={() => {
                const batchId = notice.kind === 'unlinked' ? notice.batchId : notice.kind === 'autolink' ? notice.summary.batchId! : '';
                void run(async () => ({ kind: 'undone', count: (await send('links.undo', { batchId })).count }));
              }}
            >
              {t('overlay_undo')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
