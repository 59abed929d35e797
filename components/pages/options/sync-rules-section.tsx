import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { Alert, Button, Card, Checkbox, Field, Fieldset, Radio, Select, TextInput } from '@/components/ui';
import { listAccounts, type AmazonAccount } from '@/lib/accounts';
import type { SkulinkDexie } from '@/lib/db/db';
import { marketplaceById } from '@/lib/domain/marketplaces';
import { t, type MessageKey } from '@/lib/i18n';
import { createClient } from '@/lib/messaging/client';
import { loadSettings, saveSettings } from '@/lib/sync/repo';
import type { Rounding, SyncSettings } from '@/lib/sync/schemas';
import { currentLocale } from '../locale';
import { draftFromSettings, draftToChange, exampleWarehouseFor, previewLines, warehouseNames, type FieldError, type FieldErrors, type RulesDraft } from './sync-rules-draft';

type Status = { tone: 'success' | 'warning' | 'danger'; text: string } | undefined;

const send = createClient((message) => browser.runtime.sendMessage(message));

const ROUNDINGS: { value: Rounding; label: MessageKey }[] = [
  { value: 'none', label: 'rules_rounding_none' },
  { value: '.99', label: 'rules_rounding_99' },
  { value: '.95', label: 'rules_rounding_95' },
  { value: '.90', label: 'rules_rounding_90' },
  { value: '.00', label: 'rules_rounding_00' },
];

const errorText = (e: FieldError | undefined): string | undefined => (e ? t(e.key, e.params) : undefined);

function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(currentLocale(), { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** Warehouse names found in the catalog's products' stock (read once per account: the catalog may be large). */
function useCatalogWarehouses(db: SkulinkDexie): string[] | undefined {
  const [names, setNames] = useState<string[]>();
  useEffect(() => {
    let live = true;
    const stocks: Record<string, number>[] = [];
    void db.products
      .each((p) => void stocks.push(p.stock))
      .then(() => live && setNames(warehouseNames(stocks)))
      .catch(() => live && setNames([]));
    return () => {
      live = false;
    };
  }, [db]);
  return names;
}

function Section({ title, hint, children, testId }: { title: string; hint?: string; children: ReactNode; testId: string }) {
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-3" data-testid={testId}>
      <legend className="px-1 font-semibold text-slate-900">{title}</legend>
      {hint && <p className="-mt-1 text-xs text-slate-600">{hint}</p>}
      {children}
    </fieldset>
  );
}

/** A number typed as text (decimal commas and partial input are kept as typed). */
function NumberField({ label, hint, error, value, onChange, testId, decimal = false }: {
  label: string;
  hint?: string;
  error?: FieldError;
  value: string;
  onChange: (v: string) => void;
  testId: string;
  decimal?: boolean;
}) {
  return (
    <Field label={label} hint={hint} error={errorText(error)}>
      {(p) => <TextInput {...p} data-testid={testId} inputMode={decimal ? 'decimal' : 'numeric'} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

export function RulesForm({ db, account, stored, catalogWarehouses }: { db: SkulinkDexie; account: AmazonAccount; stored: SyncSettings; catalogWarehouses: string[] }) {
  const [saved, setSaved] = useState(stored);
  const [draft, setDraft] = useState<RulesDraft>(() => draftFromSettings(stored, account.marketplaceIds));
  const [showErrors, setShowErrors] = useState(false);
  const [status, setStatus] = useState<Status>();
  const [busy, setBusy] = useState(false);
  const [now] = useState(() => Date.now());

  const result = useMemo(() => draftToChange(draft, saved), [draft, saved]);
  const errors: FieldErrors = showErrors && !result.ok ? result.errors : {};
  const warehouses = useMemo(() => warehouseNames([], [...catalogWarehouses, ...draft.warehouses, draft.orderWarehouse]), [catalogWarehouses, draft.warehouses, draft.orderWarehouse]);
  // The example's stock sits in the first warehouse the rule counts, so buffer and cap show in the preview.
  const exampleWarehouse = exampleWarehouseFor(draft, catalogWarehouses);

  function set<K extends keyof RulesDraft>(key: K, value: RulesDraft[K]) {
    setStatus(undefined);
    setDraft((d) => ({ ...d, [key]: value }));
  }
  function toggleWarehouse(name: string, on: boolean) {
    setStatus(undefined);
    setDraft((d) => ({ ...d, warehouses: on ? [...d.warehouses.filter((w) => w !== name), name] : d.warehouses.filter((w) => w !== name) }));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setShowErrors(true);
    if (!result.ok) {
      setStatus({ tone: 'danger', text: t('rules_invalid') });
      return;
    }
    setBusy(true);
    try {
      const next = await saveSettings(db, account.id, result.change);
      setSaved(next);
      try {
        await send('sync.settingsChanged', { accountId: account.id });
        setStatus({ tone: 'success', text: t('rules_saved') });
      } catch (err) {
        setStatus({ tone: 'warning', text: t('rules_saved_no_reschedule', [err instanceof Error ? err.message : String(err)]) });
      }
    } catch (err) {
      setStatus({ tone: 'danger', text: t('options_save_failed', [err instanceof Error ? err.message : String(err)]) });
    } finally {
      setBusy(false);
    }
  }

  const preview = result.ok ? previewLines(result.settings, account.marketplaceIds, exampleWarehouse, now) : undefined;

  return (
    <form onSubmit={(e) => void save(e)} className="flex flex-col gap-4" noValidate data-testid="rules-form" data-account-id={account.id}>
      <Section title={t('rules_stock')} hint={t('rules_stock_hint')} testId="rules-stock">
        <div className="flex flex-wrap gap-4" role="radiogroup" aria-label={t('rules_stock')}>
          {(['catalog', 'fixed'] as const).map((v) => (
            <Radio
              key={v}
              name={`stock-source-${account.id}`}
              data-testid={`rules-stock-source-${v}`}
              checked={draft.stockSource === v}
              onChange={() => set('stockSource', v)}
              label={t(v === 'catalog' ? 'rules_stock_source_catalog' : 'rules_stock_source_fixed')}
            />
          ))}
        </div>
        {draft.stockSource === 'catalog' ? (
          <>
            <Fieldset legend={t('rules_warehouses')} error={errorText(errors['stock.warehouses'])} testId="rules-warehouses">
              <Radio
                name={`warehouse-mode-${account.id}`}
                data-testid="rules-warehouses-all"
                checked={draft.warehouseMode === 'all'}
                onChange={() => set('warehouseMode', 'all')}
                label={t('rules_warehouses_all')}
              />
              <Radio
                name={`warehouse-mode-${account.id}`}
                data-testid="rules-warehouses-some"
                checked={draft.warehouseMode === 'some'}
                onChange={() => set('warehouseMode', 'some')}
                label={t('rules_warehouses_some')}
              />
              {draft.warehouseMode === 'some' && (
                <div className="ml-6 flex flex-col gap-1">
                  {warehouses.length === 0 && <p className="text-xs text-slate-600">{t('rules_warehouses_none')}</p>}
                  {warehouses.map((w) => (
                    <Checkbox
                      key={w}
                      data-testid="rules-warehouse"
                      data-warehouse={w}
                      checked={draft.warehouses.includes(w)}
                      onChange={(e) => toggleWarehouse(w, e.target.checked)}
                      label={catalogWarehouses.includes(w) ? w : t('rules_warehouse_missing', [w])}
                    />
                  ))}
                </div>
              )}
            </Fieldset>
            <div className="grid gap-3 md:grid-cols-2">
              <NumberField label={t('rules_buffer')} hint={t('rules_buffer_hint')} error={errors['stock.buffer']} value={draft.buffer} onChange={(v) => set('buffer', v)} testId="rules-buffer" />
              <NumberField label={t('rules_max')} hint={t('rules_max_hint')} error={errors['stock.max']} value={draft.max} onChange={(v) => set('max', v)} testId="rules-max" />
            </div>
          </>
        ) : (
          <div className="grid gap-3 md:grid-cols-2">
            <NumberField label={t('rules_stock_fixed')} error={errors['stock.fixed']} value={draft.stockFixed} onChange={(v) => set('stockFixed', v)} testId="rules-stock-fixed" />
          </div>
        )}
      </Section>

      <Section title={t('rules_price')} testId="rules-price">
        <div className="flex flex-wrap gap-4" role="radiogroup" aria-label={t('rules_price')}>
          {(['catalog', 'fixed', 'formula'] as const).map((v) => (
            <Radio
              key={v}
              name={`price-source-${account.id}`}
              data-testid={`rules-price-source-${v}`}
              checked={draft.priceSource === v}
              onChange={() => set('priceSource', v)}
              label={t(v === 'catalog' ? 'rules_price_source_catalog' : v === 'fixed' ? 'rules_price_source_fixed' : 'rules_price_source_formula')}
            />
          ))}
        </div>
        {draft.priceSource === 'fixed' && (
          <div className="grid gap-3 md:grid-cols-2">
            <NumberField decimal label={t('rules_price_fixed')} error={errors['price.fixed']} value={draft.priceFixed} onChange={(v) => set('priceFixed', v)} testId="rules-price-fixed" />
          </div>
        )}
        {draft.priceSource === 'formula' && (
          <>
            <p className="text-xs text-slate-600">{t('rules_price_formula_hint')}</p>
            <div className="grid gap-3 md:grid-cols-3">
              <NumberField decimal label={t('rules_percent')} error={errors['price.percent']} value={draft.percent} onChange={(v) => set('percent', v)} testId="rules-percent" />
              <NumberField decimal label={t('rules_add')} hint={t('rules_add_hint')} error={errors['price.add']} value={draft.add} onChange={(v) => set('add', v)} testId="rules-add" />
              <Field label={t('rules_rounding')}>
                {(p) => (
                  <Select {...p} data-testid="rules-rounding" value={draft.rounding} onChange={(e) => set('rounding', e.target.value as Rounding)}>
                    {ROUNDINGS.map((r) => (
                      <option key={r.value} value={r.value}>
                        {t(r.label)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            </div>
          </>
        )}
        {draft.priceSource !== 'fixed' && (
          <div className="grid gap-3 md:grid-cols-2">
            {account.marketplaceIds.map((id) => {
              const mp = marketplaceById(id);
              const currency = mp?.currency ?? '?';
              return (
                <NumberField
                  key={id}
                  decimal
                  label={t('rules_rate', [mp?.country ?? id, currency])}
                  hint={t('rules_rate_hint', [currency])}
                  error={errors[`price.currencyRates.${id}`]}
                  value={draft.rates[id] ?? ''}
                  onChange={(v) => set('rates', { ...draft.rates, [id]: v })}
                  testId={`rules-rate-${id}`}
                />
              );
            })}
          </div>
        )}
        <div className="grid gap-3 md:grid-cols-2">
          <NumberField decimal label={t('rules_min')} hint={t('rules_min_hint')} error={errors['price.min']} value={draft.min} onChange={(v) => set('min', v)} testId="rules-min" />
        </div>
        <Checkbox
          data-testid="rules-promotion"
          checked={draft.usePromotion}
          onChange={(e) => set('usePromotion', e.target.checked)}
          label={t('rules_promotion')}
          hint={t('rules_promotion_hint')}
        />
        {draft.usePromotion && (
          <div className="grid gap-3 md:grid-cols-2">
            <Field label={t('rules_sale_start')} hint={t('rules_sale_hint')} error={errorText(errors['price.saleStart'])}>
              {(p) => <TextInput {...p} type="date" data-testid="rules-sale-start" value={draft.saleStart} onChange={(e) => set('saleStart', e.target.value)} />}
            </Field>
            <Field label={t('rules_sale_end')} error={errorText(errors['price.saleEnd'])}>
              {(p) => <TextInput {...p} type="date" data-testid="rules-sale-end" value={draft.saleEnd} onChange={(e) => set('saleEnd', e.target.value)} />}
            </Field>
          </div>
        )}
      </Section>

      <Section title={t('rules_orders')} testId="rules-orders">
        <Checkbox
          data-testid="rules-import-fba"
          checked={draft.importFba}
          onChange={(e) => set('importFba', e.target.checked)}
          label={t('rules_import_fba')}
          hint={t('rules_import_fba_hint')}
        />
        <div className="grid gap-3 md:grid-cols-2">
          <Field label={t('rules_order_warehouse')} hint={t('rules_order_warehouse_hint')} error={errorText(errors['orders.warehouse'])}>
            {(p) => (
              <Select {...p} data-testid="rules-order-warehouse" value={draft.orderWarehouse} onChange={(e) => set('orderWarehouse', e.target.value)}>
                <option value="">{t('rules_order_warehouse_default')}</option>
                {warehouses.map((w) => (
                  <option key={w} value={w}>
                    {catalogWarehouses.includes(w) ? w : t('rules_warehouse_missing', [w])}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('rules_channel_name')} error={errorText(errors['orders.channelName'])}>
            {(p) => <TextInput {...p} data-testid="rules-channel-name" value={draft.channelName} maxLength={200} onChange={(e) => set('channelName', e.target.value)} />}
          </Field>
        </div>
      </Section>

      <Section title={t('rules_schedule')} testId="rules-schedule">
        <div className="grid gap-3 md:grid-cols-3">
          <NumberField label={t('rules_offers_every')} error={errors['schedule.offersEveryMinutes']} value={draft.offersEvery} onChange={(v) => set('offersEvery', v)} testId="rules-offers-every" />
          <NumberField label={t('rules_orders_every')} error={errors['schedule.ordersEveryMinutes']} value={draft.ordersEvery} onChange={(v) => set('ordersEvery', v)} testId="rules-orders-every" />
          <NumberField
            label={t('rules_nightly_hour')}
            hint={t('rules_nightly_hour_hint')}
            error={errors['schedule.nightlyHour']}
            value={draft.nightlyHour}
            onChange={(v) => set('nightlyHour', v)}
            testId="rules-nightly-hour"
          />
        </div>
      </Section>

      <section aria-live="polite" className="rounded-md bg-slate-50 p-3" data-testid="rules-preview">
        <h3 className="font-semibold text-slate-900">{t('rules_preview')}</h3>
        {preview ? (
          <>
            <p className="text-xs text-slate-600">{t('rules_preview_example', [exampleWarehouse])}</p>
            <ul className="mt-1">
              {preview.map((line) => (
                <li
                  key={line.marketplaceId}
                  data-testid="rules-preview-line"
                  data-marketplace={line.marketplaceId}
                  data-price={line.price?.amount ?? ''}
                  data-quantity={line.quantity ?? ''}
                  className="text-slate-800"
                >
                  {t('rules_preview_line', [line.country, line.price ? money(line.price.amount, line.price.currency) : t('rules_preview_no_price'), line.quantity ?? 0])}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="text-slate-600" data-testid="rules-preview-invalid">
            {t('rules_preview_invalid')}
          </p>
        )}
      </section>

      {status && (
        <Alert tone={status.tone} testId="rules-status">
          {status.text}
        </Alert>
      )}
      <div>
        <Button type="submit" variant="primary" data-testid="rules-save" disabled={busy}>
          {t('rules_save')}
        </Button>
      </div>
    </form>
  );
}

/** Loads an account's settings, then shows its form (keyed by account so switching starts afresh). */
function AccountRules({ db, account, catalogWarehouses }: { db: SkulinkDexie; account: AmazonAccount; catalogWarehouses: string[] }) {
  const [stored, setStored] = useState<{ id: string; settings: SyncSettings }>();
  useEffect(() => {
    let live = true;
    void loadSettings(db, account.id).then((settings) => live && setStored({ id: account.id, settings }));
    return () => {
      live = false;
    };
  }, [db, account.id]);
  if (stored?.id !== account.id) return <p className="text-slate-600">{t('options_loading')}</p>;
  return <RulesForm key={account.id} db={db} account={account} stored={stored.settings} catalogWarehouses={catalogWarehouses} />;
}

/** The account picker and the chosen account's rules; an empty state that leads to Accounts. */
export function SyncRulesView({ db, accounts, catalogWarehouses }: { db: SkulinkDexie; accounts: AmazonAccount[]; catalogWarehouses: string[] }) {
  const [chosen, setChosen] = useState<string>();
  const account = accounts.find((a) => a.id === chosen) ?? accounts[0];
  if (!account) {
    return (
      <div className="flex flex-col items-start gap-2" data-testid="rules-empty">
        <p className="text-slate-600">{t('rules_empty')}</p>
        <a href="#accounts" data-testid="rules-go-accounts" className="font-medium text-blue-800 underline hover:text-blue-900">
          {t('rules_go_accounts')}
        </a>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      {accounts.length > 1 && (
        <Field label={t('rules_account')} className="max-w-md">
          {(p) => (
            <Select {...p} data-testid="rules-account" value={account.id} onChange={(e) => setChosen(e.target.value)}>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {t('rules_account_option', [a.name, a.marketplaceIds.map((id) => marketplaceById(id)?.country ?? id).join(', ')])}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      {/* Keyed by marketplaces too: a marketplace added to the account gets its rate field. */}
      <AccountRules key={`${account.id}|${account.marketplaceIds.join()}`} db={db} account={account} catalogWarehouses={catalogWarehouses} />
    </div>
  );
}

/** Sync rules: per Amazon account, how stock, prices and orders are exchanged and how often. */
export function SyncRulesSection({ db }: { db: SkulinkDexie }) {
  const accounts = useLiveQuery(async () => (await listAccounts(db)).filter((a): a is AmazonAccount => a.kind === 'amazon'), [db]);
  const warehouses = useCatalogWarehouses(db);
  return (
    <Card title={t('rules_title')} description={t('rules_desc')} testId="section-sync-rules">
      {accounts === undefined || warehouses === undefined ? (
        <p className="text-slate-600">{t('options_loading')}</p>
      ) : (
        <SyncRulesView db={db} accounts={accounts} catalogWarehouses={warehouses} />
      )}
    </Card>
  );
}
