import { t } from '@/lib/i18n';
import type { RowView } from '@/lib/messaging/protocol';
import { h } from './dom';

export interface BadgeActions {
  openLink(sku: string, anchor: HTMLElement): void;
  unlink(sku: string): void;
}

const chip = 'inline-flex items-center gap-1 rounded-md border px-2 py-0.5 text-[12px] leading-[18px] max-w-[340px]';
const button = 'cursor-pointer rounded-md border px-2 py-0.5 text-[12px] font-medium leading-[18px] focus:outline-2 focus:outline-offset-1 focus:outline-sky-600';

/**
 * Render one row's badge into its shadow root, replacing what was there. Plain DOM on purpose:
 * a page may hold a thousand rows, and this runs in the page's main thread.
 */
export function renderBadge(root: ShadowRoot, view: RowView, actions: BadgeActions): void {
  const { sku } = view;
  let content: HTMLElement;
  switch (view.state) {
    case 'linked': {
      const p = view.product!;
      content = h('div', { className: 'flex items-center gap-1', part: 'badge' },
        h('span', { className: `${chip} border-emerald-300 bg-emerald-50 text-emerald-900`, title: `${p.sku} — ${p.title}` },
          h('span', { 'aria-hidden': 'true' }, '✓'),
          h('span', { className: 'font-semibold whitespace-nowrap' }, p.sku),
          h('span', { className: 'truncate text-emerald-800' }, p.title)),
        h('button', {
          type: 'button',
          className: `${button} border-slate-300 bg-white text-slate-700 hover:bg-red-50 hover:text-red-700`,
          'aria-label': t('overlay_unlink_title', [sku, p.sku]),
          title: t('overlay_unlink_title', [sku, p.sku]),
          'data-skulink-action': 'unlink',
          onclick: (e: Event) => { e.stopPropagation(); actions.unlink(sku); },
        }, '×'));
      break;
    }
    case 'suggested': {
      const top = view.top!;
      content = h('div', { className: 'flex items-center gap-1', part: 'badge' },
        linkButton(sku, actions),
        h('span', { className: `${chip} border-amber-300 bg-amber-50 text-amber-900`, title: `${top.product.sku} — ${top.product.title}` },
          h('span', { className: 'truncate' }, t('overlay_suggested', [top.product.sku])),
          h('span', { className: 'text-amber-700 whitespace-nowrap' }, t('overlay_confidence', [Math.round(top.confidence * 100)]))));
      break;
    }
    case 'error':
      content = h('div', { className: 'flex items-center gap-1', part: 'badge' },
        h('span', { className: `${chip} border-red-300 bg-red-50 text-red-800`, role: 'status' }, view.error ?? t('overlay_row_error')));
      break;
    default:
      content = h('div', { className: 'flex items-center gap-1', part: 'badge' },
        linkButton(sku, actions),
        h('span', { className: 'text-slate-500' }, t('overlay_not_linked')));
  }
  root.replaceChildren(content);
}

function linkButton(sku: string, actions: BadgeActions): HTMLButtonElement {
  const b: HTMLButtonElement = h('button', {
    type: 'button',
    className: `${button} border-sky-700 bg-sky-700 text-white hover:bg-sky-800`,
    'aria-label': t('overlay_link_title', [sku]),
    'aria-haspopup': 'dialog',
    'data-skulink-action': 'link',
    onclick: (e: Event) => { e.stopPropagation(); actions.openLink(sku, b); },
  }, t('overlay_link'));
  return b;
}
