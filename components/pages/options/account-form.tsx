import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Card, Checkbox, Field, Fieldset, Select, TextInput } from '@/components/ui';
import { currentLocale } from '@/components/pages/locale';
import {
  accountOrigins,
  buildAccount,
  CHANNELS,
  draftFromAccount,
  emptyDraft,
  maskSecret,
  saveAccount,
  type Account,
  type AccountDraft,
  type AccountKind,
  type AmazonDraft,
  type BigCommerceDraft,
  type ChannelName,
} from '@/lib/accounts';
import type { SkulinkDexie } from '@/lib/db/db';
import { MARKETPLACES, type SpApiRegion } from '@/lib/domain/marketplaces';
import { t, type MessageKey } from '@/lib/i18n';
import { requestHostAccess, type AccessResult } from './host-access';

const REGIONS: readonly SpApiRegion[] = ['NA', 'EU', 'FE'];
const REGION_LABELS: Record<SpApiRegion, MessageKey> = { NA: 'accounts_region_NA', EU: 'accounts_region_EU', FE: 'accounts_region_FE' };
const CHANNEL_LABELS: Record<ChannelName, MessageKey> = {
  products: 'accounts_channel_products',
  stock: 'accounts_channel_stock',
  price: 'accounts_channel_price',
  orderDownload: 'accounts_channel_orderDownload',
  orderUpdate: 'accounts_channel_orderUpdate',
};
const ENDPOINT_LABELS: Record<AmazonDraft['endpointKind'], MessageKey> = {
  production: 'accounts_endpoint_production',
  sandbox: 'accounts_endpoint_sandbox',
  custom: 'accounts_endpoint_custom',
};
const ERROR_KEYS: Record<string, MessageKey> = {
  name: 'accounts_error_name',
  region: 'accounts_error_region',
  marketplaceIds: 'accounts_error_marketplaceIds',
  sellerId: 'accounts_error_sellerId',
  clientId: 'accounts_error_clientId',
  clientSecret: 'accounts_error_clientSecret',
  refreshToken: 'accounts_error_refreshToken',
  baseUrl: 'accounts_error_baseUrl',
  authorizedOn: 'accounts_error_authorizedOn',
  storeHash: 'accounts_error_storeHash',
  accessToken: 'accounts_error_accessToken',
};

/** Inputs for credentials: masked, never autofilled or spell-checked. */
const secretInput = { type: 'password', autoComplete: 'off', spellCheck: false } as const;

/** What saving produced, for the accounts list to report. `access` settles when the seller answers the prompt. */
export interface SavedAccount {
  account: Account;
  access: Promise<AccessResult>;
  origins: string[];
}

function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([currentLocale()], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Add or edit an account. Secrets are never put back into the inputs: editing shows "•••• last 4"
 * and a blank secret keeps the stored one. Saving asks for the account's API hosts in the same
 * user gesture, then stores the account (even when access is refused, so it can be granted later).
 */
export function AccountForm({ db, kind, existing, onSaved, onCancel }: {
  db: SkulinkDexie;
  kind: AccountKind;
  existing?: Account;
  onSaved: (result: SavedAccount) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<AccountDraft>(() => (existing ? draftFromAccount(existing) : emptyDraft(kind)));
  const [invalid, setInvalid] = useState<string[]>([]);
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!invalid.length) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (first?.matches('fieldset') ? first.querySelector<HTMLElement>('input') : first)?.focus();
  }, [invalid]);

  const err = (field: string) => (invalid.includes(field) ? t(ERROR_KEYS[field] ?? 'accounts_invalid') : undefined);
  const stored = (secret: string | undefined) => (secret ? t('accounts_secret_keep', [maskSecret(secret)]) : undefined);

  function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(undefined);
    const built = buildAccount(draft, { id: existing?.id ?? crypto.randomUUID(), now: Date.now(), existing });
    if (!built.ok) {
      setInvalid(built.fields);
      return;
    }
    setInvalid([]);
    const origins = accountOrigins(built.account);
    // Before any await: the permission prompt needs the user gesture of this submit.
    const access = requestHostAccess(origins);
    setBusy(true);
    void (async () => {
      try {
        const account = await saveAccount(db, built.account);
        onSaved({ account, access, origins });
      } catch (error) {
        setFailure(error instanceof Error ? error.message : String(error));
        setBusy(false);
      }
    })();
  }

  const title = existing
    ? t('accounts_form_edit', [existing.name])
    : t(kind === 'amazon' ? 'accounts_form_add_amazon' : 'accounts_form_add_bigcommerce');

  return (
    <Card title={title} testId="account-form">
      <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-4">
        <Field label={t('accounts_field_name')} hint={t('accounts_field_name_hint')} error={err('name')}>
          {(p) => <TextInput {...p} autoFocus data-testid="acct-name" value={draft.name} maxLength={100} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
        </Field>
        {draft.kind === 'amazon' ? (
          <AmazonFields draft={draft} setDraft={setDraft} err={err} existing={existing?.kind === 'amazon' ? existing : undefined} stored={stored} />
        ) : (
          <BigCommerceFields draft={draft} setDraft={setDraft} err={err} existing={existing?.kind === 'bigcommerce' ? existing : undefined} stored={stored} />
        )}
        <Fieldset legend={t('accounts_channels')} hint={t('accounts_channels_hint')} testId="acct-channels">
          <div className="flex flex-wrap gap-x-5 gap-y-2">
            {CHANNELS.map((c) => (
              <Checkbox
                key={c}
                data-testid={`acct-channel-${c}`}
                checked={draft.channels[c]}
                onChange={(e) => setDraft({ ...draft, channels: { ...draft.channels, [c]: e.target.checked } })}
                label={t(CHANNEL_LABELS[c])}
              />
            ))}
          </div>
        </Fieldset>
        {invalid.length > 0 && <Alert tone="danger">{t('accounts_invalid')}</Alert>}
        {failure && <Alert tone="danger">{t('options_save_failed', [failure])}</Alert>}
        <div className="flex gap-2">
          <Button type="submit" variant="primary" data-testid="acct-save" disabled={busy}>
            {t('accounts_save')}
          </Button>
          <Button data-testid="acct-cancel" onClick={onCancel} disabled={busy}>
            {t('common_cancel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

type FieldsProps<D extends AccountDraft, A extends Account> = {
  draft: D;
  setDraft: (d: D) => void;
  err: (field: string) => string | undefined;
  existing?: A;
  stored: (secret: string | undefined) => string | undefined;
};

function AmazonFields({ draft, setDraft, err, existing, stored }: FieldsProps<AmazonDraft, Extract<Account, { kind: 'amazon' }>>) {
  const marketplaces = MARKETPLACES.filter((m) => m.region === draft.region);
  const set = (patch: Partial<AmazonDraft>) => setDraft({ ...draft, ...patch });
  return (
    <>
      <div className="grid gap-4 md:grid-cols-2">
        <Field label={t('accounts_field_region')} error={err('region')}>
          {(p) => (
            <Select
              {...p}
              data-testid="acct-region"
              value={draft.region}
              onChange={(e) => {
                const region = e.target.value as SpApiRegion;
                // Marketplaces belong to one region: drop those of the previous one.
                set({ region, marketplaceIds: draft.marketplaceIds.filter((id) => MARKETPLACES.some((m) => m.id === id && m.region === region)) });
              }}
            >
              {REGIONS.map((r) => (
                <option key={r} value={r}>
                  {t(REGION_LABELS[r])}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('accounts_field_seller_id')} hint={t('accounts_field_seller_id_hint')} error={err('sellerId')}>
          {(p) => <TextInput {...p} data-testid="acct-seller-id" value={draft.sellerId} spellCheck={false} autoComplete="off" onChange={(e) => set({ sellerId: e.target.value })} />}
        </Field>
      </div>
      <Fieldset legend={t('accounts_field_marketplaces')} hint={t('accounts_field_marketplaces_hint')} error={err('marketplaceIds')} testId="acct-marketplaces">
        <div className="grid grid-cols-2 gap-x-4 gap-y-1.5 md:grid-cols-3">
          {marketplaces.map((m) => (
            <Checkbox
              key={m.id}
              data-testid={`acct-marketplace-${m.id}`}
              value={m.id}
              checked={draft.marketplaceIds.includes(m.id)}
              onChange={(e) =>
                set({ marketplaceIds: e.target.checked ? [...draft.marketplaceIds, m.id] : draft.marketplaceIds.filter((id) => id !== m.id) })
              }
              label={countryName(m.country)}
              hint={m.host.replace(/^sellercentral\./, '')}
            />
          ))}
        </div>
      </Fieldset>
      <div className="grid gap-4 md:grid-cols-2">
        <Field label={t('accounts_field_client_id')} hint={t('accounts_field_client_id_hint')} error={err('clientId')} className="md:col-span-2">
          {(p) => <TextInput {...p} data-testid="acct-client-id" value={draft.clientId} spellCheck={false} autoComplete="off" onChange={(e) => set({ clientId: e.target.value })} />}
        </Field>
        <Field label={t('accounts_field_client_secret')} hint={stored(existing?.clientSecret)} error={err('clientSecret')}>
          {(p) => <TextInput {...p} {...secretInput} data-testid="acct-client-secret" value={draft.clientSecret} onChange={(e) => set({ clientSecret: e.target.value })} />}
        </Field>
        <Field label={t('accounts_field_refresh_token')} hint={stored(existing?.refreshToken)} error={err('refreshToken')}>
          {(p) => <TextInput {...p} {...secretInput} data-testid="acct-refresh-token" value={draft.refreshToken} onChange={(e) => set({ refreshToken: e.target.value })} />}
        </Field>
        <Field label={t('accounts_field_endpoint')}>
          {(p) => (
            <Select {...p} data-testid="acct-endpoint" value={draft.endpointKind} onChange={(e) => set({ endpointKind: e.target.value as AmazonDraft['endpointKind'] })}>
              {(['production', 'sandbox', 'custom'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(ENDPOINT_LABELS[k])}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {draft.endpointKind === 'custom' && (
          <Field label={t('accounts_field_base_url')} hint={t('accounts_field_base_url_hint')} error={err('baseUrl')}>
            {(p) => (
              <TextInput {...p} type="url" data-testid="acct-base-url" value={draft.baseUrl} spellCheck={false} placeholder="http://127.0.0.1:8787" onChange={(e) => set({ baseUrl: e.target.value })} />
            )}
          </Field>
        )}
        <Field label={t('accounts_field_authorized_on')} hint={t('accounts_field_authorized_on_hint')} error={err('authorizedOn')}>
          {(p) => <TextInput {...p} type="date" data-testid="acct-authorized-on" value={draft.authorizedOn} onChange={(e) => set({ authorizedOn: e.target.value })} />}
        </Field>
      </div>
    </>
  );
}

function BigCommerceFields({ draft, setDraft, err, existing, stored }: FieldsProps<BigCommerceDraft, Extract<Account, { kind: 'bigcommerce' }>>) {
  const set = (patch: Partial<BigCommerceDraft>) => setDraft({ ...draft, ...patch });
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Field label={t('accounts_field_store_hash')} hint={t('accounts_field_store_hash_hint')} error={err('storeHash')}>
        {(p) => <TextInput {...p} data-testid="acct-store-hash" value={draft.storeHash} spellCheck={false} autoComplete="off" onChange={(e) => set({ storeHash: e.target.value })} />}
      </Field>
      <Field label={t('accounts_field_access_token')} hint={stored(existing?.accessToken)} error={err('accessToken')}>
        {(p) => <TextInput {...p} {...secretInput} data-testid="acct-access-token" value={draft.accessToken} onChange={(e) => set({ accessToken: e.target.value })} />}
      </Field>
      <Field label={t('accounts_field_bc_base_url')} hint={t('accounts_field_bc_base_url_hint')} error={err('baseUrl')} className="md:col-span-2">
        {(p) => (
          <TextInput {...p} type="url" data-testid="acct-base-url" value={draft.baseUrl} spellCheck={false} placeholder="https://api.bigcommerce.com" onChange={(e) => set({ baseUrl: e.target.value })} />
        )}
      </Field>
    </div>
  );
}
