import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { Alert, Button, ProgressBar } from '@/components/ui';
import { formatDateTime, formatNumber } from '@/components/pages/locale';
import type { SkulinkDexie } from '@/lib/db/db';
import { t } from '@/lib/i18n';
import type { CatalogStats } from '@/lib/messaging/protocol';
import { catalogStats } from '@/lib/stats';
import { SyncStatus } from './sync-status';

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd data-testid={testId} data-value={value} className="text-xl font-semibold tabular-nums text-slate-900">
        {formatNumber(value)}
      </dd>
    </div>
  );
}

function LastImport({ last }: { last: CatalogStats['lastImport'] }) {
  return (
    <section aria-labelledby="popup-last-import-h" data-testid="popup-last-import" className="rounded-md border border-slate-200 bg-white px-3 py-2">
      <h2 id="popup-last-import-h" className="text-xs text-slate-600">
        {t('popup_last_import')}
      </h2>
      {last ? (
        <>
          <p className="truncate font-medium" title={last.fileName}>
            {last.fileName}
          </p>
          <p className="text-xs text-slate-600">
            <time dateTime={new Date(last.at).toISOString()}>{formatDateTime(last.at)}</time>
            {' · '}
            {t('popup_last_import_rows', [formatNumber(last.rows), formatNumber(last.rejected)])}
          </p>
        </>
      ) : (
        <p className="text-slate-600">{t('popup_last_import_none')}</p>
      )}
    </section>
  );
}

/** The toolbar popup: catalog counts, the last import, sync status and a way to the settings. */
export function PopupPage({ db }: { db: SkulinkDexie }) {
  const [error, setError] = useState<string>();
  const stats = useLiveQuery(
    () =>
      catalogStats(db).catch((e: unknown) => {
        setError(e instanceof Error ? e.message : String(e));
        return undefined;
      }),
    [db],
  );
  const percent = stats && stats.listings > 0 ? Math.round((stats.linked / stats.listings) * 100) : 0;
  return (
    <main className="flex w-[360px] flex-col gap-3 p-3">
      <header className="flex items-center justify-between">
        <h1 className="text-base font-semibold">{t('popup_title')}</h1>
      </header>
      {error && <Alert tone="danger">{t('popup_error', [error])}</Alert>}
      {stats ? (
        <>
          <section aria-labelledby="popup-stats-h">
            <h2 id="popup-stats-h" className="sr-only">
              {t('popup_stats_heading')}
            </h2>
            <dl className="grid grid-cols-2 gap-2">
              <Stat label={t('popup_products')} value={stats.products} testId="popup-products" />
              <Stat label={t('popup_listings')} value={stats.listings} testId="popup-listings" />
              <Stat label={t('popup_linked')} value={stats.linked} testId="popup-linked" />
              <Stat label={t('popup_unlinked')} value={stats.unlinked} testId="popup-unlinked" />
            </dl>
            {stats.listings > 0 && (
              <div className="mt-2 flex flex-col gap-1">
                <ProgressBar value={percent} label={t('popup_linked_progress')} />
                <p className="text-xs text-slate-600">{t('popup_linked_percent', [percent])}</p>
              </div>
            )}
          </section>
          <LastImport last={stats.lastImport} />
        </>
      ) : (
        !error && <p className="text-slate-600">{t('popup_loading')}</p>
      )}
      <SyncStatus db={db} />
      <Button variant="primary" data-testid="popup-options" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('popup_open_options')}
      </Button>
    </main>
  );
}
