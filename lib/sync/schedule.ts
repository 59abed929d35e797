/**
 * When each job runs: the alarm definitions the background registers with chrome.alarms, and the
 * next run time the popup shows. Pure functions of the settings and the clock.
 */
import type { JobKind, SyncSettings } from './schemas';

/** The chrome.alarms.create() arguments for one job: `name` plus `when` and/or `periodInMinutes`. */
export interface AlarmDefinition {
  name: string;
  kind: JobKind;
  /** First run (epoch ms). */
  when: number;
  periodInMinutes: number;
}

const ALARM_PREFIX = 'skulink-sync';

/** Alarm name of a job of an account. */
export function alarmName(accountId: string, kind: JobKind): string {
  return `${ALARM_PREFIX}|${accountId}|${kind}`;
}

/** The account and job an alarm name stands for, or undefined for someone else's alarm. */
export function parseAlarmName(name: string): { accountId: string; kind: JobKind } | undefined {
  const [prefix, accountId, kind] = name.split('|');
  if (prefix !== ALARM_PREFIX || !accountId || !kind) return undefined;
  if (!['catalog', 'listings', 'reconcile', 'offers', 'orders', 'ordersNightly', 'shipments'].includes(kind)) return undefined;
  return { accountId, kind: kind as JobKind };
}

/** Next local time at hour:minute after `now` (daily jobs run at night in the seller's time zone). */
export function nextDailyAt(now: number, hour: number, minute = 0): number {
  const d = new Date(now);
  d.setHours(hour, minute, 0, 0);
  if (d.getTime() <= now) d.setDate(d.getDate() + 1);
  return d.getTime();
}

/** The channel that switches a job on or off. Offers need stock or price. */
export function jobEnabled(kind: JobKind, settings: SyncSettings): boolean {
  const c = settings.channels;
  switch (kind) {
    case 'catalog':
    case 'listings':
    case 'reconcile':
      return c.products;
    case 'offers':
      return c.stock || c.price;
    case 'orders':
    case 'ordersNightly':
      return c.orderDownload;
    case 'shipments':
      return c.orderUpdate;
  }
}

const DAY_MINUTES = 24 * 60;

/** How often each job runs (minutes) and, for daily jobs, at what local time. */
export function jobCadence(kind: JobKind, settings: SyncSettings): { periodInMinutes: number; daily?: { hour: number; minute: number } } {
  const s = settings.schedule;
  const h = s.nightlyHour;
  switch (kind) {
    case 'offers':
      return { periodInMinutes: s.offersEveryMinutes };
    case 'orders':
      return { periodInMinutes: s.ordersEveryMinutes };
    case 'shipments':
      return { periodInMinutes: s.shipmentsEveryMinutes };
    case 'catalog':
      return { periodInMinutes: DAY_MINUTES, daily: { hour: h, minute: 0 } };
    case 'listings':
      return { periodInMinutes: DAY_MINUTES, daily: { hour: h, minute: 20 } };
    case 'reconcile':
      return { periodInMinutes: DAY_MINUTES, daily: { hour: h, minute: 50 } };
    case 'ordersNightly':
      return { periodInMinutes: DAY_MINUTES, daily: { hour: (h + 1) % 24, minute: 10 } };
  }
}

/**
 * Alarm definitions for the enabled jobs of an account. Periodic jobs first fire one minute
 * from now; daily jobs at their local time. Register each with
 * `chrome.alarms.create(a.name, { when: a.when, periodInMinutes: a.periodInMinutes })` and clear
 * the account's other alarms (disabled channels).
 */
export function alarmDefinitions(accountId: string, settings: SyncSettings, now: number, kinds: readonly JobKind[]): AlarmDefinition[] {
  return kinds
    .filter((k) => jobEnabled(k, settings))
    .map((kind) => {
      const c = jobCadence(kind, settings);
      return { name: alarmName(accountId, kind), kind, when: c.daily ? nextDailyAt(now, c.daily.hour, c.daily.minute) : now + 60_000, periodInMinutes: c.periodInMinutes };
    });
}

/** When a job should next run, from its last start (periodic) or its local time (daily). */
export function nextRunAt(kind: JobKind, settings: SyncSettings, now: number, lastStartedAt?: number): number | undefined {
  if (!jobEnabled(kind, settings)) return undefined;
  const c = jobCadence(kind, settings);
  if (c.daily) return nextDailyAt(now, c.daily.hour, c.daily.minute);
  if (lastStartedAt === undefined) return now;
  return Math.max(now, lastStartedAt + c.periodInMinutes * 60_000);
}
