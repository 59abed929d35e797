import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { t } from '@/lib/i18n';
import type { RowView, SuggestionView } from '@/lib/messaging/protocol';
import type { Send } from '@/lib/messaging/client';
import { reasonText } from './reasons';

interface Props {
  sku: string;
  anchor: HTMLElement;
  send: Send;
  onClose(): void;
  onRow(row: RowView): void;
}

/** Position the popover under its anchor, inside the viewport. */
function place(anchor: HTMLElement, el: HTMLElement) {
  const r = anchor.getBoundingClientRect();
  const w = el.offsetWidth || 420;
  const left = Math.max(8, Math.min(r.left, window.innerWidth - w - 8));
  const below = r.bottom + 6;
  const top = below + el.offsetHeight > window.innerHeight && r.top > el.offsetHeight + 12 ? r.top - el.offsetHeight - 6 : below;
  el.style.left = `${left}px`;
  el.style.top = `${Math.max(8, top)}px`;
}

/**
 * The Link popover: best suggestions with their reasons, a search over the whole catalog, and
 * "Add to catalog". Keyboard: focus starts in the search box, Escape closes and returns focus.
 */
export function LinkPopover({ sku, anchor, send, onClose, onRow }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const [suggestions, setSuggestions] = useState<SuggestionView[] | undefined>();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SuggestionView[] | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; productSku?: string } | undefined>();

  useEffect(() => {
    let live = true;
    send('suggest.list', { sku, k: 5 })
      .then((r) => live && setSuggestions(r.suggestions))
      .catch((e: Error) => live && (setSuggestions([]), setError({ message: e.message })));
    return () => {
      live = false;
    };
  }, [sku, send]);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResults(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      send('catalog.search', { query: q, k: 10 })
        .then((r) => live && setResults(r.results))
        .catch((e: Error) => live && setError({ message: e.message }));
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, send]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    place(anchor, el);
    const again = () => place(anchor, el);
    window.addEventListener('scroll', again, { passive: true, capture: true });
    window.addEventListener('resize', again);
    return () => {
      window.removeEventListener('scroll', again, { capture: true });
      window.removeEventListener('resize', again);
    };
  }, [anchor, suggestions, results]);

  useEffect(() => {
    searchRef.current?.focus();
    const onDown = (e: MouseEvent) => {
      if (!e.composedPath().includes(ref.current!) && !e.composedPath().includes(anchor)) onClose();
    };
    document.addEventListener('mousedown', onDown, true);
    return () => document.removeEventListener('mousedown', onDown, true);
  }, [anchor, onClose]);

  async function act(run: () => Promise<RowView | undefined>) {
    setBusy(true);
    setError(undefined);
    try {
      const row = await run();
      if (row) {
        onRow(row);
        if (row.state === 'linked') close();
      }
    } catch (e) {
      setError({ message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  function close() {
    onClose();
    if (anchor.isConnected) anchor.focus();
  }

  const link = (productSku: string, via: 'suggestion' | 'search' | 'manual') => act(async () => (await send('link.create', { sku, productSku, via })).row);
  const reject = (productSku: string) =>
    act(async () => {
      const row = (await send('suggest.reject', { sku, productSku })).row;
      setSuggestions((s) => s?.filter((x) => x.product.sku !== productSku));
      return row;
    });
  const addToCatalog = () =>
    act(async () => {
      const r = await send('catalog.addFromListing', { sku });
      if (r.ok) return r.row;
      const key = r.error.code === 'exists_gtin' ? 'overlay_exists_gtin' : r.error.code === 'exists_sku' ? 'overlay_exists_sku' : undefined;
      setError({ message: key ? t(key, [r.error.productSku ?? '']) : r.error.message, productSku: r.error.productSku });
      return undefined;
    });

  const list = results ?? suggestions;
  return (
    <div
      ref={ref}
      role="dialog"
      aria-labelledby={titleId}
      data-skulink-popover={sku}
      className="fixed z-[2147483647] w-[420px] max-w-[calc(100vw-16px)] rounded-lg border border-slate-300 bg-white p-3 text-[13px] text-slate-900 shadow-xl"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id={titleId} className="truncate text-[14px] font-semibold">{t('overlay_popover_title', [sku])}</h2>
        <button type="button" className="rounded px-1.5 text-[16px] leading-none text-slate-500 hover:bg-slate-100 focus:outline-2 focus:outline-sky-600" aria-label={t('common_close')} onClick={close}>×</button>
      </div>
      <label className="mb-1 block text-[12px] text-slate-600" htmlFor={`${titleId}-q`}>{t('overlay_search_label')}</label>
      <input
        id={`${titleId}-q`}
        ref={searchRef}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t('overlay_search_placeholder')}
        className="mb-2 w-full rounded-md border border-slate-300 px-2 py-1 text-[13px] focus:outline-2 focus:outline-sky-600"
        data-skulink-search=""
      />
      {!results && <div className="mb-1 text-[12px] font-semibold uppercase tracking-wide text-slate-500">{t('overlay_suggestions')}</div>}
      {list === undefined ? (
        <p className="py-2 text-slate-500">{t('overlay_loading')}</p>
      ) : list.length === 0 ? (
        <p className="py-2 text-slate-500">{results ? t('overlay_no_results', [query.trim()]) : t('overlay_no_suggestions')}</p>
      ) : (
        <ul className="max-h-[320px] space-y-1 overflow-auto" aria-busy={busy}>
          {list.map((s) => (
            <li key={s.product.sku} className="rounded-md border border-slate-200 p-2" data-skulink-suggestion={s.product.sku}>
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <div className="truncate font-medium" title={s.product.title}>{s.product.title}</div>
                  <div className="text-[12px] text-slate-600">
                    <span className="font-mono">{s.product.sku}</span>
                    {s.product.brand ? ` · ${s.product.brand}` : ''}
                    {s.product.price !== undefined ? ` · ${s.product.price}` : ''}
                  </div>
                </div>
                <div className="flex shrink-0 flex-col items-end gap-1">
                  <button
                    type="button"
                    disabled={busy}
                    className="rounded-md bg-sky-700 px-2 py-0.5 text-[12px] font-medium text-white hover:bg-sky-800 focus:outline-2 focus:outline-offset-1 focus:outline-sky-600 disabled:opacity-50"
                    aria-label={t('overlay_link_this', [s.product.sku])}
                    data-skulink-link-to={s.product.sku}
                    onClick={() => link(s.product.sku, results ? 'search' : 'suggestion')}
                  >
                    {t('overlay_link')}
                  </button>
                  {!results && (
                    <button type="button" disabled={busy} className="text-[11px] text-slate-500 underline hover:text-red-700" onClick={() => reject(s.product.sku)}>
                      {t('overlay_reject')}
                    </button>
                  )}
                </div>
              </div>
              <div className="mt-1 flex flex-wrap items-center gap-1 text-[11px]">
                <span className={`rounded px-1 ${s.confident ? 'bg-emerald-100 text-emerald-800' : 'bg-slate-100 text-slate-700'}`}>
                  {s.confident ? `${t('overlay_confident')} · ` : ''}
                  {t('overlay_confidence', [Math.round(s.confidence * 100)])}
                </span>
                {s.reasons.slice(0, 4).map((r, i) => (
                  <span key={i} className={`rounded px-1 ${/differs|apart/.test(r.code) ? 'bg-red-50 text-red-700' : 'bg-sky-50 text-sky-800'}`}>{reasonText(r)}</span>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <div role="alert" className="mt-2 rounded-md border border-red-200 bg-red-50 p-2 text-[12px] text-red-800">
          {error.message}
          {error.productSku && (
            <button type="button" className="ml-2 underline" onClick={() => link(error.productSku!, 'manual')}>{t('overlay_link_this', [error.productSku])}</button>
          )}
        </div>
      )}
      <div className="mt-2 border-t border-slate-200 pt-2">
        <button type="button" disabled={busy} title={t('overlay_add_to_catalog_hint')} className="rounded-md border border-slate-300 px-2 py-1 text-[12px] hover:bg-slate-50 focus:outline-2 focus:outline-sky-600 disabled:opacity-50" data-skulink-action="add-to-catalog" onClick={addToCatalog}>
          {t('overlay_add_to_catalog')}
        </button>
      </div>
    </div>
  );
}
