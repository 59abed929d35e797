import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLanguage } from '@/lib/i18n';
import type { OrderStatusView } from '@/lib/messaging/protocol-orders';
import { orderStatusAttribute, renderOrderBadge, type OrderBadgeState } from './order-badge';

const ID = '114-2233445-5566778';
let doc: Document;

beforeAll(() => {
  doc = parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
  // The badge builder (dom.ts) creates elements on the global document, as in a content script.
  (globalThis as { document?: Document }).document = doc;
  setLanguage('en');
});
afterAll(() => {
  setLanguage(undefined);
  delete (globalThis as { document?: Document }).document;
});

/** Render into a stand-in for the host's shadow root (the badge only replaces its children). */
function render(state: OrderBadgeState, opened: [string, HTMLElement][] = []) {
  const root = doc.createElement('div');
  renderOrderBadge(root as unknown as ShadowRoot, ID, state, { openLink: (sku, anchor) => opened.push([sku, anchor]) });
  return root;
}
const view = (v: Partial<OrderStatusView>): OrderBadgeState => ({ kind: 'view', view: { status: 'not-yet', items: [], ...v } });

describe('order badge', () => {
  it('says each status in words, with the reason, the catalog order and what to do', () => {
    expect(render(view({ status: 'imported', catalogOrderId: 'SO-1001' })).textContent).toContain('Imported ✓ SO-1001');
    const error = render(view({ status: 'error', reason: 'SKU not linked', fix: 'Link the listing to its product.' }));
    expect(error.textContent).toContain('Error: SKU not linked');
    expect(error.querySelector('[data-skulink-order-fix]')?.textContent).toBe('Link the listing to its product.');
    expect(render(view({ status: 'pending', reason: 'Waiting for Amazon' })).textContent).toContain('Waiting: Waiting for Amazon');
    expect(render(view({ status: 'cancelled', catalogOrderId: 'SO-0999' })).textContent).toContain('cancel SO-0999 in the catalog too');
    expect(render(view({ status: 'cancelled' })).textContent).toBe('Cancelled');
    expect(render(view({ status: 'deleted' })).textContent).toBe('Deleted');
    expect(render(view({})).textContent).toBe('Not yet imported');
    expect(render({ kind: 'failed', message: 'No reply' }).textContent).toContain('No reply');
  });

  it('names the host status attribute, "loading" before an answer and "unavailable" after a failure', () => {
    expect(orderStatusAttribute(view({ status: 'error' }))).toBe('error');
    expect(orderStatusAttribute({ kind: 'loading' })).toBe('loading');
    expect(orderStatusAttribute({ kind: 'failed', message: 'x' })).toBe('unavailable');
  });

  it('offers a Link button per unlinked SKU (page text as text) and shows linked ones', () => {
    const opened: [string, HTMLElement][] = [];
    const hostile = '<img src=x onerror=alert(1)>';
    const root = render(view({ status: 'error', items: [{ sku: hostile, linked: false }, { sku: 'A=B', linked: true, productSku: 'CAT-1', productTitle: 'Art set' }] }), opened);
    expect(root.querySelector('img')).toBeNull();
    const button = root.querySelector('[data-skulink-action="link"]')!;
    expect(button.getAttribute('data-skulink-item')).toBe(hostile);
    expect(button.textContent).toBe(`Link ${hostile}`);
    button.dispatchEvent(new (doc.defaultView as unknown as typeof globalThis).Event('click'));
    expect(opened.map(([sku]) => sku)).toEqual([hostile]);
    const linked = root.querySelector('[data-skulink-item-state="linked"]')!;
    expect(linked.getAttribute('data-skulink-item')).toBe('A=B');
    expect(linked.textContent).toContain('A=B → CAT-1');
  });
});
