/**
 * The sync engine wired into the background worker: from the accounts stored in Dexie it builds
 * the connectors (Amazon SP-API per seller account; BigCommerce or the CSV catalog over Dexie as
 * the catalog system) and one sync engine per Amazon account; it maps each account's channel
 * switches and authorization date to the engine's settings, keeps chrome.alarms in step with the
 * engines' schedules, runs the job an alarm stands for, resumes interrupted runs at worker start
 * and shows one desktop notification per run whose orders failed to import.
 *
 * Credentials are read here, in the background, and handed to the connectors only; nothing in
 * this file logs or returns them (status goes through `describeAccount`-style allow-lists).
 */
import { liveQuery } from 'dexie';
import { listAccounts, type Account, type AmazonAccount, type BigCommerceStore } from '../accounts';
import { createAmazonConnector } from '../connectors/amazon';
import { createBigCommerceConnector } from '../connectors/bigcommerce';
import { createCsvCatalogConnector } from '../connectors/csv';
import { realClock, type Clock } from '../connectors/http/clock';
import type { FetchLike } from '../connectors/http/client';
import type { CatalogConnector } from '../connectors/types';
import type { SkulinkDexie } from '../db/db';
import { marketplaceById } from '../domain/marketplaces';
import { readSetting } from '../settings/setting';
import { languageSetting } from '../settings/language';
import { createSyncEngine, type RunResult, type SyncEngine, type SyncEvent, type SyncStatus } from '../sync/engine';
import { jobCadence, parseAlarmName, type AlarmDefinition } from '../sync/schedule';
import type { JobKind, Language, SyncSettingsInput } from '../sync/schemas';
import { createDexieCatalogStore } from './sync-catalog-store';

/** The part of browser.alarms the wiring uses (a fake in tests). */
export interface AlarmsApi {
  create(name: string, info: { when?: number; periodInMinutes?: number }): Promise<void> | void;
  clear(name: string): Promise<boolean>;
  getAll(): Promise<{ name: string; periodInMinutes?: number; scheduledTime?: number }[]>;
}

/** The part of browser.notifications the wiring uses. */
export interface NotificationsApi {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<string> | void;
}

/** Text of the notifications, in the seller's language (the background passes i18n's `t`). */
export interface NotificationTexts {
  ordersFailed(accountName: string, count: number): { title: string; message: string };
  authFailed(accountName: string): { title: string; message: string };
}

/** What {@link createSyncWiring} needs; every browser API is injected so it is tested in Node. */
export interface SyncWiringDeps {
  db: SkulinkDexie;
  fetch?: FetchLike;
  clock?: Clock;
  alarms?: AlarmsApi;
  notifications?: NotificationsApi;
  texts?: NotificationTexts;
  /** Icon of desktop notifications (an extension URL). */
  iconUrl?: string;
  /** Developer diagnostics (never shown to sellers, never given secrets). */
  log?: (message: string, data?: unknown) => void;
  /** Report/feed polling for custom (local) endpoints, which answer in seconds (default 1 s). */
  localPollMs?: number;
  /** The seller's auto-link for the reconcile job (LinkService.autoLink: their SKU rules, GTIN, ASIN). */
  autoLink?: (marketplaceId: string, signal: AbortSignal) => Promise<{ linked: number; ambiguous?: number; noMatch?: number }>;
  /** Called while a job runs so the browser keeps the worker alive (MV3 idles out after 30 s). */
  keepAlive?: () => void;
  /** Test hook: called with every engine built. */
  onEngine?: (engine: SyncEngine, account: AmazonAccount) => void;
}

/** One Amazon account's status for the popup (no secrets: name and marketplaces only). */
export interface AccountSyncStatus extends SyncStatus {
  name: string;
  /** Country codes of the account's marketplaces. */
  marketplaces: string[];
  /** The language explanations are written in for this account. */
  language: Language;
}

/** What "Sync now" answers without waiting for the run. */
export interface RunNowResult {
  /** `started`: the run is under way; `busy`: another run holds the lane; otherwise how it ended already. */
  state: 'started' | 'busy' | 'skipped' | 'done' | 'unknown_account';
  result?: RunResult;
}

/** The background's sync: engines per account, alarms, notifications (see file comment). */
export interface SyncWiring {
  /** At worker start: build engines, register alarms, resume interrupted runs; watch accounts. */
  start(): Promise<void>;
  /** Re-read the accounts; rebuild engines that changed and re-register alarms. */
  refresh(): Promise<void>;
  /**
   * An account's sync settings changed (options page): make its alarms follow the new schedule,
   * daily ones moved to the new hour too. The account's alarm names, or undefined for an unknown account.
   */
  reschedule(accountId: string): Promise<string[] | undefined>;
  /** The engine of an account (after refreshing from Dexie). */
  engine(accountId: string): Promise<SyncEngine | undefined>;
  /** Run the job an alarm stands for; false when the alarm is not a sync alarm or its account is gone. */
  handleAlarm(name: string): Promise<boolean>;
  /** Start a job now; answers within `waitMs` (default 400 ms) whether it started. */
  runNow(accountId: string, kind: JobKind, waitMs?: number): Promise<RunNowResult>;
  /** Wait for a job run started here (tests, the demo). */
  runJob(accountId: string, kind: JobKind): Promise<RunResult | undefined>;
  /** Status of every Amazon account for the popup. */
  status(): Promise<AccountSyncStatus[]>;
  /** Runs started by this wiring that have not finished (tests). */
  idle(): Promise<void>;
}

/** The engine settings an account implies: its marketplaces, channels and authorization date. */
export function settingsFromAccount(account: AmazonAccount, language: 'en' | 'es' | undefined): SyncSettingsInput {
  const authorizedAt = account.authorizedOn ? Date.parse(`${account.authorizedOn}T00:00:00Z`) : undefined;
  return {
    marketplaceIds: [...account.marketplaceIds],
    channels: { ...account.channels },
    authorizedAt,
    ...(language ? { language } : {}),
  };
}

/** A fingerprint of what the engine of an account is built from (rebuilt when it changes). */
function fingerprint(account: AmazonAccount, catalog: BigCommerceStore | undefined): string {
  return JSON.stringify([account.id, account.updatedAt, catalog?.id ?? 'csv', catalog?.updatedAt ?? 0]);
}

/** The catalog system: the first BigCommerce store with its products channel on, else the CSV catalog. */
export function catalogAccount(accounts: readonly Account[]): BigCommerceStore | undefined {
  return accounts.find((a): a is BigCommerceStore => a.kind === 'bigcommerce' && a.channels.products);
}

/** Create the wiring (see file comment). Call `start()` once per worker. */
export function createSyncWiring(deps: SyncWiringDeps): SyncWiring {
  const { db } = deps;
  const clock = deps.clock ?? realClock;
  const fetchFn: FetchLike = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const log = deps.log ?? (() => {});
  const engines = new Map<string, { key: string; engine: SyncEngine; account: AmazonAccount }>();
  const inFlight = new Set<Promise<unknown>>();
  let refreshing: Promise<void> | undefined;
  let keepAliveTimer: ReturnType<typeof setInterval> | undefined;
  let watch: { unsubscribe(): void } | undefined;

  function buildCatalog(store: BigCommerceStore | undefined): CatalogConnector {
    if (store) {
      return createBigCommerceConnector({ storeHash: store.storeHash, accessToken: store.accessToken, fetch: fetchFn, clock, apiOrigin: store.baseUrl });
    }
    return createCsvCatalogConnector({ store: createDexieCatalogStore(db, clock), clock });
  }

  function buildEngine(account: AmazonAccount, catalog: BigCommerceStore | undefined): SyncEngine {
    const custom = account.endpoint.kind === 'custom' ? account.endpoint.baseUrl : undefined;
    const marketplace = createAmazonConnector({
      fetch: fetchFn,
      clock,
      credentials: { clientId: account.clientId, clientSecret: account.clientSecret, refreshToken: account.refreshToken },
      sellerId: account.sellerId,
      region: account.region,
      environment: account.endpoint,
      // A custom base URL (the local sandbox) serves LWA too; Amazon's sandbox uses the real LWA.
      ...(custom ? { lwaEndpoint: custom, poll: { intervalMs: deps.localPollMs ?? 1_000 } } : {}),
    });
    const engine = createSyncEngine({
      db,
      marketplace,
      catalog: buildCatalog(catalog),
      clock,
      accountId: account.id,
      log,
      notify: (event) => onEvent(event),
      autoLink: deps.autoLink,
    });
    deps.onEngine?.(engine, account);
    return engine;
  }

  function onEvent(event: SyncEvent): void {
    if (event.type === 'run-finished') return;
    const entry = engines.get(event.accountId);
    const name = entry?.account.name ?? event.accountId;
    if (!deps.notifications || !deps.texts) return;
    const text = event.type === 'orders-failed' ? deps.texts.ordersFailed(name, event.orderIds.length) : deps.texts.authFailed(name);
    const id = `skulink-sync|${event.accountId}|${event.type}|${clock.now()}`;
    try {
      void Promise.resolve(deps.notifications.create(id, { type: 'basic', iconUrl: deps.iconUrl ?? '', title: text.title, message: text.message })).catch((e: unknown) => log('notification failed', String(e)));
    } catch (e) {
      log('notification failed', String(e));
    }
  }

  async function language(): Promise<'en' | 'es' | undefined> {
    const choice = await readSetting(db, languageSetting).catch(() => 'auto' as const);
    return choice === 'auto' ? undefined : choice;
  }

  /** Bring engines in line with the stored accounts; returns whether anything changed. */
  async function syncEngines(): Promise<boolean> {
    const accounts = await listAccounts(db);
    const catalog = catalogAccount(accounts);
    const amazon = accounts.filter((a): a is AmazonAccount => a.kind === 'amazon');
    const lang = await language();
    let changed = false;
    for (const id of [...engines.keys()]) {
      if (!amazon.some((a) => a.id === id)) {
        engines.delete(id);
        changed = true;
      }
    }
    for (const account of amazon) {
      const key = fingerprint(account, catalog);
      const entry = engines.get(account.id);
      if (entry?.key === key) continue;
      const engine = buildEngine(account, catalog);
      await engine.updateSettings(settingsFromAccount(account, lang));
      engines.set(account.id, { key, engine, account });
      changed = true;
    }
    return changed;
  }

  /** Make chrome.alarms match the engines' schedules; existing identical alarms keep their time. */
  async function syncAlarms(): Promise<void> {
    if (!deps.alarms) return;
    const wanted = new Map<string, AlarmDefinition>();
    for (const { engine } of engines.values()) for (const def of await engine.schedule()) wanted.set(def.name, def);
    const existing = await deps.alarms.getAll();
    for (const alarm of existing) {
      if (!parseAlarmName(alarm.name)) continue;
      const want = wanted.get(alarm.name);
      if (!want || want.periodInMinutes !== alarm.periodInMinutes) await deps.alarms.clear(alarm.name);
      else wanted.delete(alarm.name);
    }
    for (const def of wanted.values()) await deps.alarms.create(def.name, { when: def.when, periodInMinutes: def.periodInMinutes });
  }

  /**
   * One account's alarms against its schedule, times included: `syncAlarms` keeps an alarm whose
   * period is unchanged, which would leave a daily job at the old hour after the seller moved it.
   */
  async function rescheduleAccount(accountId: string, engine: SyncEngine): Promise<string[]> {
    const [defs, settings] = await Promise.all([engine.schedule(), engine.getSettings()]);
    if (!deps.alarms) return defs.map((d) => d.name);
    const wanted = new Map(defs.map((d) => [d.name, d]));
    for (const alarm of await deps.alarms.getAll()) {
      if (parseAlarmName(alarm.name)?.accountId !== accountId) continue;
      const want = wanted.get(alarm.name);
      const daily = want && jobCadence(want.kind, settings).daily;
      // Periodic jobs keep their next run when the period is unchanged; daily ones must be at the new hour.
      const same = want && want.periodInMinutes === alarm.periodInMinutes && (!daily || Math.abs((alarm.scheduledTime ?? 0) - want.when) < 60_000);
      if (same) wanted.delete(alarm.name);
      else await deps.alarms.clear(alarm.name);
    }
    for (const def of wanted.values()) await deps.alarms.create(def.name, { when: def.when, periodInMinutes: def.periodInMinutes });
    return defs.map((d) => d.name);
  }

  function refresh(): Promise<void> {
    refreshing ??= (async () => {
      try {
        await syncEngines();
        await syncAlarms();
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  }

  async function engine(accountId: string): Promise<SyncEngine | undefined> {
    await refresh();
    return engines.get(accountId)?.engine;
  }

  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    if (deps.keepAlive && !keepAliveTimer) keepAliveTimer = setInterval(() => deps.keepAlive?.(), 20_000);
    const done = () => {
      inFlight.delete(p);
      if (inFlight.size === 0 && keepAliveTimer) {
        clearInterval(keepAliveTimer);
        keepAliveTimer = undefined;
      }
    };
    p.then(done, done);
    return p;
  }

  async function runJob(accountId: string, kind: JobKind): Promise<RunResult | undefined> {
    const e = await engine(accountId);
    if (!e) return undefined;
    return track(e.runJob(kind));
  }

  return {
    async start() {
      await refresh();
      // Accounts added, edited or removed in the options page: Dexie tells every context.
      watch ??= liveQuery(() => db.settings.get('accounts')).subscribe({
        next: () => void refresh().catch((e: unknown) => log('sync refresh failed', String(e))),
        error: (e: unknown) => log('accounts watch failed', String(e)),
      });
      // Runs the old worker did not finish: take over their leases and go on from the checkpoints.
      for (const { engine: e, account } of engines.values()) {
        void track(e.resume()).then(
          (results) => results.length && log(`sync resumed ${account.id}`, results.map((r) => `${r.kind}:${r.outcome}`)),
          (err: unknown) => log(`sync resume of ${account.id} failed`, String(err)),
        );
      }
    },
    refresh,
    async reschedule(accountId) {
      await refresh();
      const entry = engines.get(accountId);
      return entry ? rescheduleAccount(accountId, entry.engine) : undefined;
    },
    engine,
    async handleAlarm(name) {
      const parsed = parseAlarmName(name);
      if (!parsed) return false;
      const e = await engine(parsed.accountId);
      if (!e) {
        await deps.alarms?.clear(name);
        return false;
      }
      await track(e.handleAlarm(name));
      return true;
    },
    async runNow(accountId, kind, waitMs = 400) {
      const e = await engine(accountId);
      if (!e) return { state: 'unknown_account' };
      const run = track(e.runJob(kind));
      const early = await Promise.race([run, clock.sleep(waitMs).then(() => undefined)]);
      if (!early) return { state: 'started' };
      if (early.outcome === 'busy') return { state: 'busy', result: early };
      if (early.outcome === 'skipped') return { state: 'skipped', result: early };
      return { state: 'done', result: early };
    },
    runJob,
    async status() {
      await refresh();
      const out: AccountSyncStatus[] = [];
      for (const { engine: e, account } of engines.values()) {
        const [s, settings] = await Promise.all([e.status(), e.getSettings()]);
        out.push({ ...s, language: settings.language, name: account.name, marketplaces: account.marketplaceIds.map((id) => marketplaceById(id)?.country ?? id) });
      }
      return out;
    },
    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}

const wirings = new WeakMap<SkulinkDexie, SyncWiring>();

/**
 * The worker's one wiring for a database: the background entry creates it with the browser's
 * APIs (`register`), and the message handlers find the same one here.
 */
export function registerSyncWiring(db: SkulinkDexie, wiring: SyncWiring): SyncWiring {
  wirings.set(db, wiring);
  return wiring;
}

/** The wiring registered for `db`, or a browser-less one (no alarms, no notifications). */
export function syncWiringFor(db: SkulinkDexie): SyncWiring {
  let w = wirings.get(db);
  if (!w) {
    w = createSyncWiring({ db });
    wirings.set(db, w);
  }
  return w;
}
