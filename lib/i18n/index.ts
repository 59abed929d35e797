import { substitute, type Language, type MessageEntry, type MessageTable } from './core';
import { allMessages } from './table';

export { LANGUAGES, type Language } from './core';
export type MessageKey = keyof typeof allMessages & string;

let forced: Language | undefined;

/** Use this language instead of the browser's (the seller's choice in the options). */
export function setLanguage(lang: Language | undefined): void {
  forced = lang;
}

type I18nApi = { getMessage(name: string, subs?: string[]): string };
function browserI18n(): I18nApi | undefined {
  const g = globalThis as { chrome?: { i18n?: I18nApi }; browser?: { i18n?: I18nApi } };
  return g.browser?.i18n ?? g.chrome?.i18n;
}

/**
 * Translate a message key, filling $1..$9. Reads the browser's i18n messages (generated from
 * the same table), falling back to the table itself where the API is missing (Node tests).
 */
export function t(key: MessageKey, subs?: readonly (string | number)[]): string {
  const entry: MessageEntry | undefined = (allMessages as MessageTable)[key];
  if (forced && entry) return substitute(entry[forced], subs);
  const template = browserTemplate(key);
  if (template) return substitute(template, subs);
  return entry ? substitute(entry.en, subs) : key;
}

const PLACEHOLDERS = ['$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9'];
const templates = new Map<string, string>();
/**
 * The browser's message with its $n placeholders kept, cached: getMessage is slow enough to
 * matter when a thousand badges are drawn.
 */
function browserTemplate(key: string): string {
  let s = templates.get(key);
  if (s === undefined) {
    s = browserI18n()?.getMessage(key, PLACEHOLDERS) ?? '';
    templates.set(key, s);
  }
  return s;
}
