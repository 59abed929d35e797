/**
 * The language the pages render in, mirrored from lib/i18n's setLanguage so formatting
 * (dates, numbers) follows the same choice.
 */
import { browser } from 'wxt/browser';
import { setLanguage, type Language } from '@/lib/i18n';

let current: Language | undefined;

/** Apply a language to translations and formatting; undefined = the browser's. */
export function applyLanguage(lang: Language | undefined): void {
  current = lang;
  setLanguage(lang);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lang ?? browser.i18n.getUILanguage();
  }
}

/** The chosen language, or undefined when following the browser. */
export function getLanguage(): Language | undefined {
  return current;
}
