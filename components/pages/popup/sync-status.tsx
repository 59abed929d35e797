import { useLiveQuery } from 'dexie-react-hooks';
import type { SkulinkDexie } from '@/lib/db/db';
import { listAccounts } from '@/lib/accounts/store';
import { t } from '@/lib/i18n';

/**
 * Sync status in the popup. Placeholder until the sync engine's status API exists (the lead fills
 * it in): with no account it invites the seller to connect one; with accounts it shows nothing yet.
 */
export function SyncStatus({ db }: { db: SkulinkDexie }) {
  const count = useLiveQuery(async () => (await listAccounts(db)).length, [db]);
  if (count === undefined || count > 0) return null;
  return (
    <p data-testid="popup-sync-status" className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-slate-600">
      {t('popup_connect_account')}
    </p>
  );
}
