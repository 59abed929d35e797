import { describe, expect, it, vi } from 'vitest';
import { identifyCaller, routeMessage, type Handlers } from './router';
import { createClient, MessageError } from './client';

const self = { id: 'ext-id', origin: 'chrome-extension://ext-id' };
const pageSender = { id: 'ext-id', url: 'https://sellercentral.amazon.de/myinventory/inventory', tab: { id: 7, url: 'https://sellercentral.amazon.de/myinventory/inventory' } };
const popupSender = { id: 'ext-id', url: 'chrome-extension://ext-id/popup.html' };

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const notUsed = async () => {
    throw new Error('not used');
  };
  return new Proxy(overrides as Handlers, { get: (t, k: string) => (t as Record<string, unknown>)[k] ?? notUsed });
}

describe('identifyCaller', () => {
  it('takes the marketplace from the sender URL host', () => {
    const c = identifyCaller(pageSender, self.id, self.origin);
    expect(c).toMatchObject({ kind: 'page', marketplace: { id: 'A1PA6795UKMFR9' }, tabId: 7 });
  });
  it('recognizes every unified host and rejects look-alikes', () => {
    expect(identifyCaller({ id: 'ext-id', url: 'https://sellercentral-europe.amazon.com/inventory' }, self.id, self.origin)?.kind).toBe('page');
    expect(identifyCaller({ id: 'ext-id', url: 'https://sellercentral.amazon.de.evil.com/x' }, self.id, self.origin)).toBeUndefined();
    expect(identifyCaller({ id: 'ext-id', url: 'http://sellercentral.amazon.de/x' }, self.id, self.origin)).toBeUndefined();
    expect(identifyCaller({ id: 'other-ext', url: 'https://sellercentral.amazon.de/x' }, self.id, self.origin)).toBeUndefined();
    expect(identifyCaller({ id: 'ext-id', url: 'not a url' }, self.id, self.origin)).toBeUndefined();
  });
  it('knows extension pages', () => {
    expect(identifyCaller(popupSender, self.id, self.origin)?.kind).toBe('extension');
  });
});

describe('routeMessage', () => {
  it('routes a valid page message with the caller taken from the sender', async () => {
    const fn = vi.fn(async (_d: { sku: string }, caller: { kind: string }) => ({ row: { sku: 'A', state: 'unlinked' as const, caller: caller.kind } }));
    const reply = await routeMessage({ type: 'link.remove', data: { sku: 'A', marketplaceId: 'ATVPDKIKX0DER' } }, pageSender, handlers({ 'link.remove': fn as never }), self);
    expect(reply).toEqual({ ok: true, value: { row: { sku: 'A', state: 'unlinked' } } });
    expect(fn.mock.calls[0]![1]).toMatchObject({ kind: 'page', marketplace: { country: 'DE' } });
    // the payload's marketplaceId is stripped by the schema, never trusted
    expect(fn.mock.calls[0]![0]).toEqual({ sku: 'A' });
  });
  it('refuses privileged messages from a page', async () => {
    const reply = await routeMessage({ type: 'stats.get', data: {} }, pageSender, handlers(), self);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
  it('answers unknown messages and bad envelopes explicitly', async () => {
    expect(await routeMessage({ type: 'nope', data: {} }, pageSender, handlers(), self)).toMatchObject({ ok: false, error: { code: 'unknown_message' } });
    expect(await routeMessage('hello', pageSender, handlers(), self)).toMatchObject({ ok: false, error: { code: 'bad_envelope' } });
    expect(await routeMessage({ type: 'toString', data: {} }, pageSender, handlers(), self)).toMatchObject({ ok: false, error: { code: 'unknown_message' } });
  });
  it('validates requests and names the bad field', async () => {
    const reply = await routeMessage({ type: 'link.create', data: { sku: '', productSku: 'P', via: 'manual' } }, pageSender, handlers(), self);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(!reply.ok && reply.error.message).toContain('sku');
  });
  it('validates responses and contains handler failures', async () => {
    const bad = await routeMessage({ type: 'link.remove', data: { sku: 'A' } }, pageSender, handlers({ 'link.remove': (async () => ({ row: { sku: 'A', state: 'weird' } })) as never }), self);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_response' } });
    const boom = await routeMessage({ type: 'link.remove', data: { sku: 'A' } }, pageSender, handlers({ 'link.remove': async () => { throw new Error('db closed'); } }), self);
    expect(boom).toEqual({ ok: false, error: { code: 'handler_failed', message: 'db closed' } });
  });
  it('refuses senders that are not Seller Central or the extension', async () => {
    const reply = await routeMessage({ type: 'link.remove', data: { sku: 'A' } }, { id: 'ext-id', url: 'https://example.com/' }, handlers(), self);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('client', () => {
  it('checks the request before sending and surfaces error replies', async () => {
    const transport = vi.fn(async () => ({ ok: false, error: { code: 'forbidden', message: 'no' } }));
    const send = createClient(transport);
    await expect(send('link.remove', { sku: '' })).rejects.toThrow();
    expect(transport).not.toHaveBeenCalled();
    await expect(send('link.remove', { sku: 'A' })).rejects.toBeInstanceOf(MessageError);
  });
  it('round-trips through the router', async () => {
    const h = handlers({ 'links.undo': async (d) => ({ count: d.batchId.length }) });
    const send = createClient((m) => routeMessage(m, pageSender, h, self));
    await expect(send('links.undo', { batchId: 'abc' })).resolves.toEqual({ count: 3 });
  });
});
