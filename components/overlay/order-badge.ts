import { t } from '@/lib/i18n';
import type { OrderItemView, OrderStatusView } from '@/lib/messaging/protocol-orders';
import { h } from './dom';

/** What an order badge can ask of its overlay. */
export interface OrderBadgeActions {
  /** Open the Link popover for one SKU of the order, under `anchor`. */
  openLink(sku: string, anchor: HTMLElement): void;
}

/** What an order host shows: the background's answer, nothing yet, or why there is none. */
export type OrderBadgeState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'view'; view: OrderStatusView };

const pill = 'inline-flex items-center gap-1 rounded-md border px-2 py-0.5 text-[12px] leading-[18px] max-w-[420px]';
const button = 'cursor-pointer rounded-md border px-2 py-0.5 text-[12px] font-medium leading-[18px] focus:outline-2 focus:outline-offset-1 focus:outline-sky-600';
const tones = {
  ok: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  bad: 'border-red-300 bg-red-50 text-red-800',
  wait: 'border-amber-300 bg-amber-50 text-amber-900',
  quiet: 'border-slate-300 bg-slate-50 text-slate-700',
} as const;

/** The attribute value of `data-skulink-order-status` for a badge state. */
export function orderStatusAttribute(state: OrderBadgeState): string {
  return state.kind === 'view' ? state.view.status : state.kind === 'loading' ? 'loading' : 'unavailable';
}

/** The status pill's text and tone for an answer. */
function pillOf(v: OrderStatusView): { text: string; tone: keyof typeof tones } {
  switch (v.status) {
    case 'imported':
      return { text: v.catalogOrderId ? t('orders_imported_as', [v.catalogOrderId]) : t('orders_imported'), tone: 'ok' };
    case 'error':
      return { text: v.reason ? t('orders_error', [v.reason]) : t('orders_error_unknown'), tone: 'bad' };
    case 'pending':
      return { text: v.reason ? t('orders_pending_reason', [v.reason]) : t('orders_pending'), tone: 'wait' };
    case 'cancelled':
      // Imported before Amazon cancelled it: the catalog order must be cancelled too (stock given back).
      return v.catalogOrderId ? { text: t('orders_cancel_in_catalog', [v.catalogOrderId]), tone: 'bad' } : { text: t('orders_cancelled'), tone: 'quiet' };
    case 'deleted':
      return { text: t('orders_deleted'), tone: 'quiet' };
    default:
      return { text: t('orders_not_yet'), tone: 'quiet' };
  }
}

/**
 * Render one order's badge into its shadow root, replacing what was there: the Skulink status
 * pill (with the reason and what to do), then each SKU of the order, linked ("✓ SKU → product")
 * or with a "Link SKU" button. Plain DOM and text nodes only: SKUs and reasons are data.
 */
export function renderOrderBadge(root: ShadowRoot, orderId: string, state: OrderBadgeState, actions: OrderBadgeActions): void {
  const box = h('div', { className: 'flex flex-wrap items-center gap-1', part: 'order-badge', role: 'group', 'aria-label': t('orders_status_label', [orderId]) });
  if (state.kind === 'loading') {
    box.append(h('span', { className: 'text-slate-500' }, t('orders_loading')));
  } else if (state.kind === 'failed') {
    box.append(h('span', { className: `${pill} ${tones.bad}`, role: 'status' }, t('orders_status_failed', [state.message])));
  } else {
    const v = state.view;
    const { text, tone } = pillOf(v);
    const detail = [v.explanation, v.fix].filter(Boolean).join(' ');
    box.append(h('span', { className: `${pill} ${tones[tone]}`, role: 'status', title: detail || undefined, 'data-skulink-order-pill': v.status },
      h('span', { className: 'truncate font-medium' }, text)));
    for (const item of v.items) box.append(itemControl(item, actions));
    if (v.fix && (v.status === 'error' || v.status === 'cancelled')) {
      box.append(h('div', { className: 'basis-full text-[11px] text-slate-600', 'data-skulink-order-fix': '' }, v.fix));
    }
  }
  root.replaceChildren(box);
}

function itemControl(item: OrderItemView, actions: OrderBadgeActions): HTMLElement {
  if (item.linked) {
    const product = item.productSku ?? '';
    return h('span', {
      className: `${pill} ${tones.ok}`,
      title: t('orders_item_linked_title', [item.sku, product, item.productTitle ?? '']),
      'data-skulink-item': item.sku,
      'data-skulink-item-state': 'linked',
      // Focusable from script only: focus lands here after linking from the popover.
      tabindex: '-1',
    }, h('span', { 'aria-hidden': 'true' }, '✓'), h('span', { className: 'truncate' }, t('orders_item_linked', [item.sku, product])));
  }
  const b: HTMLButtonElement = h('button', {
    type: 'button',
    className: `${button} border-sky-700 bg-sky-700 text-white hover:bg-sky-800 max-w-[260px] truncate`,
    title: t('overlay_link_title', [item.sku]),
    'aria-haspopup': 'dialog',
    'data-skulink-action': 'link',
    'data-skulink-item': item.sku,
    'data-skulink-item-state': 'unlinked',
    // The row may navigate on click: keep the click ours.
    onclick: (e: Event) => {
      e.stopPropagation();
      e.preventDefault();
      actions.openLink(item.sku, b);
    },
  }, t('orders_link_sku', [item.sku]));
  return b;
}
