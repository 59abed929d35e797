import { LANGUAGES, substitute, type Language, type MessageEntry, type MessageTable } from './core';
import { allMessages } from './table';

export { LANGUAGES, type Language } from './core';
export type MessageKey = keyof typeof allMessages & string;

let forced: Language | undefined;

/** Use this language instead of the browser's (the seller's choice in the options). */
export function setLanguage(lang: Language | undefined): void {
  forced = lang;
}

type I18nApi = { getUILanguage?(): string };
function browserI18n(): I18nApi | undefined {
  const g = globalThis as { chrome?: { i18n?: I18nApi }; browser?: { i18n?: I18nApi } };
  return g.browser?.i18n ?? g.chrome?.i18n;
}

let detected: Language | undefined;
/** The browser's UI language if we ship it, else English (read once). */
function browserLanguage(): Language {
  if (!detected) {
    const ui = (browserI18n()?.getUILanguage?.() ?? (typeof navigator !== 'undefined' ? navigator.language : 'en')).toLowerCase();
    detected = LANGUAGES.find((l) => ui === l || ui.startsWith(`${l}-`)) ?? 'en';
  }
  return detected;
}

/**
 * Translate a message key, filling $1..$9, in the seller's chosen language or the browser's.
 * Reads the same table the _locales files are generated from, directly: i18n.getMessage is slow
 * enough in content scripts to matter when a thousand badges are drawn.
 */
export function t(key: MessageKey, subs?: readonly (string | number)[]): string {
  const entry: MessageEntry | undefined = (allMessages as MessageTable)[key];
  if (!entry) return key;
  return substitute(entry[forced ?? browserLanguage()], subs);
}
