import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { Alert } from '@/components/ui';
import type { SkulinkDexie } from '@/lib/db/db';
import { listAccounts } from '@/lib/accounts/store';
import { t } from '@/lib/i18n';
import { createClient } from '@/lib/messaging/client';
import type { AccountSyncView } from '@/lib/messaging/protocol-sync';
import type { JobKind } from '@/lib/sync/schemas';
import { SyncAccount } from './sync-account';

/** How often the popup asks the background for the status while it is open. */
export const SYNC_POLL_MS = 1500;

const send = createClient((message) => browser.runtime.sendMessage(message));

/**
 * Sync status in the popup: per Amazon account its health and, per job, the last run, counts,
 * explained errors, next run, progress while running and "Sync now". Polls `sync.status` while
 * open (runs write to Dexie in the background; the status also covers leases and schedules).
 * With no account at all it invites the seller to connect one.
 */
export function SyncStatus({ db }: { db: SkulinkDexie }) {
  const count = useLiveQuery(async () => (await listAccounts(db)).length, [db]);
  const [accounts, setAccounts] = useState<AccountSyncView[]>();
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<Record<string, boolean>>({});

  const poll = useCallback(async () => {
    try {
      const s = await send('sync.status', {});
      setAccounts(s.accounts);
      setNow(s.now);
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    if (!count) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loop = async () => {
      await poll();
      if (live) timer = setTimeout(() => void loop(), SYNC_POLL_MS);
    };
    void loop();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [count, poll]);

  const syncNow = useCallback(
    async (accountId: string, job: JobKind) => {
      const key = `${accountId}:${job}`;
      try {
        const r = await send('sync.now', { accountId, job });
        setBusy((b) => ({ ...b, [key]: r.state === 'busy' }));
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
      await poll();
    },
    [poll],
  );

  if (count === undefined) return null;
  if (count === 0) {
    return (
      <p data-testid="popup-sync-status" className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-slate-600">
        {t('popup_connect_account')}
      </p>
    );
  }
  return (
    <section aria-labelledby="sync-h" data-testid="popup-sync-status" className="flex flex-col gap-2">
      <h2 id="sync-h" className="text-sm font-semibold">
        {t('sync_heading')}
      </h2>
      {error && <Alert tone="danger">{t('sync_error', [error])}</Alert>}
      {!accounts && !error && <p className="text-slate-600">{t('sync_loading')}</p>}
      {accounts?.map((a) => (
        <SyncAccount key={a.accountId} account={a} now={now} busy={busy} onSyncNow={(job) => void syncNow(a.accountId, job)} />
      ))}
    </section>
  );
}
