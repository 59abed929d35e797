import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Card, type Tone } from '@/components/ui';
import { formatDay } from '@/components/pages/locale';
import {
  accountOrigins,
  describeAccount,
  listAccounts,
  reauthorizationDueOn,
  reauthorizationState,
  removeAccount,
  type Account,
  type AccountKind,
} from '@/lib/accounts';
import type { SkulinkDexie } from '@/lib/db/db';
import { t, type MessageKey } from '@/lib/i18n';
import { AccountForm } from './account-form';
import { requestHostAccess, useHostAccess, type AccessResult } from './host-access';

type Mode = { type: 'list' } | { type: 'add'; kind: AccountKind } | { type: 'edit'; id: string };
type Notice = { tone: 'success' | 'warning' | 'danger'; text: string } | undefined;

const ENDPOINT_LABELS: Record<string, MessageKey> = {
  production: 'accounts_endpoint_production',
  sandbox: 'accounts_endpoint_sandbox',
};

function noticeFor(access: AccessResult, origins: string[]): Notice {
  if ('error' in access) return { tone: 'warning', text: t('accounts_permission_failed', [access.error]) };
  if (!access.granted) return { tone: 'warning', text: t('accounts_permission_denied', [origins.join(', ')]) };
  return { tone: 'success', text: t('accounts_saved') };
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="truncate font-mono text-slate-800">{children}</dd>
    </div>
  );
}

function ReauthBadge({ account }: { account: Account }) {
  const due = reauthorizationDueOn(account);
  const [now] = useState(() => Date.now());
  const state = reauthorizationState(account, now);
  const tone: Record<typeof state, Tone> = { ok: 'success', soon: 'warning', due: 'danger', unknown: 'neutral' };
  const text =
    state === 'unknown' || !due
      ? t('accounts_reauth_unknown')
      : t(state === 'ok' ? 'accounts_reauth_ok' : state === 'soon' ? 'accounts_reauth_soon' : 'accounts_reauth_due', [formatDay(due)]);
  return (
    <Badge tone={tone[state]} testId="acct-reauth">
      {text}
    </Badge>
  );
}

function AccountCard({ db, account, onEdit, onNotice }: { db: SkulinkDexie; account: Account; onEdit: () => void; onNotice: (n: Notice) => void }) {
  const origins = accountOrigins(account);
  const access = useHostAccess(origins);
  const [confirming, setConfirming] = useState(false);
  const d = describeAccount(account);
  const endpoint = ENDPOINT_LABELS[d.endpoint] ? t(ENDPOINT_LABELS[d.endpoint]!) : d.endpoint;

  function grant() {
    void requestHostAccess(origins).then((r) => {
      if ('error' in r) onNotice({ tone: 'danger', text: t('accounts_permission_failed', [r.error]) });
    });
  }
  async function remove() {
    await removeAccount(db, account.id);
    onNotice({ tone: 'success', text: t('accounts_removed') });
  }

  return (
    <li data-testid="account-item" data-account-id={account.id} className="rounded-md border border-slate-200 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-semibold">{account.name}</h3>
        <Badge tone="info">{t(account.kind === 'amazon' ? 'accounts_kind_amazon' : 'accounts_kind_bigcommerce')}</Badge>
        {account.kind === 'amazon' && <Badge>{t(`accounts_region_${account.region}` as const)}</Badge>}
        {access !== undefined && (
          <Badge tone={access ? 'success' : 'warning'} testId="acct-access">
            {t(access ? 'accounts_access_granted' : 'accounts_access_missing')}
          </Badge>
        )}
        {account.kind === 'amazon' && <ReauthBadge account={account} />}
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1.5 md:grid-cols-3">
        {d.kind === 'amazon' ? (
          <>
            <Detail label={t('accounts_field_seller_id')}>{d.sellerId}</Detail>
            <Detail label={t('accounts_field_marketplaces')}>{d.marketplaces.join(', ')}</Detail>
            <Detail label={t('accounts_field_endpoint')}>{endpoint}</Detail>
            <Detail label={t('accounts_field_client_id')}>{d.clientId}</Detail>
            <Detail label={t('accounts_field_client_secret')}>{d.clientSecret}</Detail>
            <Detail label={t('accounts_field_refresh_token')}>{d.refreshToken}</Detail>
          </>
        ) : (
          <>
            <Detail label={t('accounts_field_store_hash')}>{d.storeHash}</Detail>
            <Detail label={t('accounts_field_access_token')}>{d.accessToken}</Detail>
            <Detail label={t('accounts_field_endpoint')}>{endpoint}</Detail>
          </>
        )}
      </dl>
      {confirming ? (
        <div className="mt-3 flex flex-wrap items-center gap-2" role="group" aria-label={t('accounts_remove_question', [account.name])}>
          <span className="text-slate-800">{t('accounts_remove_question', [account.name])}</span>
          <Button size="sm" variant="danger" data-testid="acct-remove-confirm" onClick={() => void remove()}>
            {t('common_confirm')}
          </Button>
          {/* Focus the safe choice so a stray Enter does not delete credentials. */}
          <Button size="sm" autoFocus data-testid="acct-remove-cancel" onClick={() => setConfirming(false)}>
            {t('common_cancel')}
          </Button>
        </div>
      ) : (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button size="sm" data-testid="acct-edit" onClick={onEdit}>
            {t('accounts_edit')}
          </Button>
          {access === false && (
            <Button size="sm" variant="primary" data-testid="acct-grant" onClick={grant}>
              {t('accounts_grant_access')}
            </Button>
          )}
          <Button size="sm" variant="ghost" data-testid="acct-remove" onClick={() => setConfirming(true)}>
            {t('accounts_remove')}
          </Button>
        </div>
      )}
    </li>
  );
}

/** Accounts: the connected Amazon accounts and BigCommerce stores, with add, edit and remove. */
export function AccountsSection({ db }: { db: SkulinkDexie }) {
  const accounts = useLiveQuery(() => listAccounts(db), [db]);
  const [mode, setMode] = useState<Mode>({ type: 'list' });
  const [notice, setNotice] = useState<Notice>();

  const editing = mode.type === 'edit' ? accounts?.find((a) => a.id === mode.id) : undefined;
  const formKind = mode.type === 'add' ? mode.kind : editing?.kind;
  const showForm = formKind !== undefined;

  return (
    <div className="flex flex-col gap-4">
      <Card
        title={t('accounts_title')}
        description={t('accounts_desc')}
        testId="section-accounts"
        actions={
          !showForm && (
            <>
              <Button variant="primary" data-testid="accounts-add-amazon" onClick={() => (setNotice(undefined), setMode({ type: 'add', kind: 'amazon' }))}>
                {t('accounts_add_amazon')}
              </Button>
              <Button data-testid="accounts-add-bigcommerce" onClick={() => (setNotice(undefined), setMode({ type: 'add', kind: 'bigcommerce' }))}>
                {t('accounts_add_bigcommerce')}
              </Button>
            </>
          )
        }
      >
        {notice && (
          <Alert tone={notice.tone} className="mb-3" testId="accounts-notice">
            {notice.text}
          </Alert>
        )}
        {accounts === undefined ? (
          <p className="text-slate-600">{t('options_loading')}</p>
        ) : accounts.length === 0 ? (
          <p className="text-slate-600" data-testid="accounts-empty">
            {t('accounts_empty')}
          </p>
        ) : (
          <ul className="flex flex-col gap-3" data-testid="accounts-list">
            {accounts.map((a) => (
              <AccountCard
                key={a.id}
                db={db}
                account={a}
                onNotice={setNotice}
                onEdit={() => (setNotice(undefined), setMode({ type: 'edit', id: a.id }))}
              />
            ))}
          </ul>
        )}
      </Card>
      {formKind && (
        <AccountForm
          key={editing ? editing.id : `new-${formKind}`}
          db={db}
          kind={formKind}
          existing={editing}
          onSaved={(r) => {
            setNotice({ tone: 'success', text: t('accounts_saved') });
            setMode({ type: 'list' });
            // The browser's prompt may still be open: report its answer when it comes.
            void r.access.then((access) => setNotice(noticeFor(access, r.origins)));
          }}
          onCancel={() => setMode({ type: 'list' })}
        />
      )}
    </div>
  );
}
