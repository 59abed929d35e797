/** Formatting in the seller's language (the one chosen in the options, else the browser's). */
import { browser } from 'wxt/browser';
import { getLanguage } from './language-state';

/** The BCP 47 locale to format numbers and dates with. */
export function currentLocale(): string {
  return getLanguage() ?? browser.i18n.getUILanguage();
}

/** A number with the locale's grouping, e.g. 12,345 or 12.345. */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(currentLocale()).format(n);
}

/** A date and time, e.g. "Mar 4, 2026, 10:12". */
export function formatDateTime(ms: number): string {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** A calendar date given as YYYY-MM-DD, without shifting it by the time zone. */
export function formatDay(isoDate: string): string {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(`${isoDate}T00:00:00Z`));
}
