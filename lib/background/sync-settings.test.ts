/**
 * `sync.settingsChanged`: the options page saved an account's sync rules; the background makes
 * that account's alarms follow the new schedule (new periods, daily jobs at the new hour) and
 * leaves other accounts' and other extensions' alarms alone. No network: no job runs here.
 */
import { describe, expect, it } from 'vitest';
import { Account, saveAccount, type AmazonAccount } from '../accounts';
import type { Clock } from '../connectors/http/clock';
import { createDb } from '../db/db';
import { routeMessage, type Caller } from '../messaging/router';
import { saveSettings } from '../sync/repo';
import { alarmName, nextDailyAt } from '../sync/schedule';
import { createSyncHandlers } from './sync-handlers';
import { createSyncWiring, type AlarmsApi, type SyncWiring } from './sync-wiring';
import { createBackgroundHandlers } from './handlers';

const US = 'ATVPDKIKX0DER';
const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);
const clock: Clock = { now: () => NOW, sleep: async () => {} };
const extension: Caller = { kind: 'extension', url: new URL('chrome-extension://x/options.html') };

function account(id: string): AmazonAccount {
  return Account.parse({
    kind: 'amazon',
    id,
    name: `Seller ${id}`,
    region: 'NA',
    marketplaceIds: [US],
    sellerId: 'A1SANDBOXSELLER',
    clientId: 'client',
    clientSecret: 'secret',
    refreshToken: 'Atzr|token',
    endpoint: { kind: 'custom', baseUrl: 'http://127.0.0.1:9' },
    createdAt: 1,
    updatedAt: 1,
  }) as AmazonAccount;
}

function fakeAlarms() {
  const alarms = new Map<string, { name: string; periodInMinutes?: number; scheduledTime?: number }>();
  const api: AlarmsApi = {
    create: (name, info) => void alarms.set(name, { name, periodInMinutes: info.periodInMinutes, scheduledTime: info.when }),
    clear: async (name) => alarms.delete(name),
    getAll: async () => [...alarms.values()],
  };
  return { alarms, api };
}

async function setup() {
  const db = createDb(`settings-changed-${Math.random()}`);
  const alarms = fakeAlarms();
  const fetch = () => Promise.reject(new Error('no network in this test'));
  const wiring = createSyncWiring({ db, alarms: alarms.api, clock, fetch });
  await saveAccount(db, account('acc-1'));
  await saveAccount(db, account('acc-2'));
  await wiring.refresh();
  return { db, alarms, wiring, handlers: createSyncHandlers(db, wiring) };
}

describe('sync.settingsChanged', () => {
  it('re-registers the account’s alarms: new periods, daily jobs at the new hour, others untouched', async () => {
    const { db, alarms, handlers, wiring } = await setup();
    const at = (acc: string, kind: Parameters<typeof alarmName>[1]) => alarms.alarms.get(alarmName(acc, kind));
    expect(at('acc-1', 'catalog')?.scheduledTime).toBe(nextDailyAt(NOW, 3, 0));
    expect(at('acc-1', 'offers')).toMatchObject({ periodInMinutes: 15, scheduledTime: NOW + 60_000 });
    // Alarms that fired keep their own times; a later refresh must not move an unchanged one.
    alarms.alarms.set(alarmName('acc-1', 'orders'), { name: alarmName('acc-1', 'orders'), periodInMinutes: 15, scheduledTime: NOW + 7 * 60_000 });
    alarms.alarms.set('someone-else', { name: 'someone-else', periodInMinutes: 1 });
    const acc2Before = JSON.stringify([...alarms.alarms.entries()].filter(([k]) => k.includes('|acc-2|')));

    await saveSettings(db, 'acc-1', { schedule: { offersEveryMinutes: 5, nightlyHour: 22 } });
    // The plain refresh (accounts watch) keeps a daily alarm whose period is unchanged: the old hour.
    await wiring.refresh();
    expect(at('acc-1', 'catalog')?.scheduledTime).toBe(nextDailyAt(NOW, 3, 0));

    const r = await handlers['sync.settingsChanged']({ accountId: 'acc-1' }, extension);
    expect(r.state).toBe('rescheduled');
    expect(r.alarms.sort()).toEqual(['catalog', 'listings', 'offers', 'orders', 'ordersNightly', 'reconcile'].map((k) => alarmName('acc-1', k as never)).sort());
    expect(at('acc-1', 'offers')).toMatchObject({ periodInMinutes: 5, scheduledTime: NOW + 60_000 });
    expect(at('acc-1', 'catalog')).toMatchObject({ periodInMinutes: 1440, scheduledTime: nextDailyAt(NOW, 22, 0) });
    expect(at('acc-1', 'listings')?.scheduledTime).toBe(nextDailyAt(NOW, 22, 20));
    expect(at('acc-1', 'ordersNightly')?.scheduledTime).toBe(nextDailyAt(NOW, 23, 10));
    // Unchanged periodic job: its next run stays where it was.
    expect(at('acc-1', 'orders')?.scheduledTime).toBe(NOW + 7 * 60_000);
    expect(JSON.stringify([...alarms.alarms.entries()].filter(([k]) => k.includes('|acc-2|')))).toBe(acc2Before);
    expect(alarms.alarms.has('someone-else')).toBe(true);

    // Saving again with nothing changed moves nothing.
    const snapshot = JSON.stringify([...alarms.alarms.entries()]);
    await handlers['sync.settingsChanged']({ accountId: 'acc-1' }, extension);
    expect(JSON.stringify([...alarms.alarms.entries()])).toBe(snapshot);
  });

  it('answers unknown_account for an account that is not there', async () => {
    const { handlers } = await setup();
    expect(await handlers['sync.settingsChanged']({ accountId: 'gone' }, extension)).toEqual({ state: 'unknown_account', alarms: [] });
  });

  it('is routed for extension pages only, and the handler calls the wiring', async () => {
    const db = createDb(`settings-route-${Math.random()}`);
    const calls: string[] = [];
    const wiring = { reschedule: async (id: string) => (calls.push(id), [`a|${id}`]) } as unknown as SyncWiring;
    const handlers = { ...createBackgroundHandlers(db), ...createSyncHandlers(db, wiring) };
    const self = { id: 'ext', origin: 'chrome-extension://ext' };
    const message = { type: 'sync.settingsChanged', data: { accountId: 'acc-1' } };
    const fromOptions = await routeMessage(message, { id: 'ext', url: 'chrome-extension://ext/options.html' }, handlers, self);
    expect(fromOptions).toEqual({ ok: true, value: { state: 'rescheduled', alarms: ['a|acc-1'] } });
    const fromPage = await routeMessage(message, { id: 'ext', url: 'https://sellercentral.amazon.com/inventory', tab: { id: 1, url: 'https://sellercentral.amazon.com/inventory' } }, handlers, self);
    expect(fromPage).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const bad = await routeMessage({ type: 'sync.settingsChanged', data: { accountId: '' } }, { id: 'ext', url: 'chrome-extension://ext/options.html' }, handlers, self);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(calls).toEqual(['acc-1']);
  });
});
