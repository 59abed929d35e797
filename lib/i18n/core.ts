/**
 * Translation core: one table of messages with every language side by side, read through
 * the browser's i18n API (whose _locales files are generated from the same table at build
 * time) or directly when the seller picked a language in the options.
 */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** One message in every language we ship; English is complete by definition. */
export interface MessageEntry {
  en: string;
  es: string;
  description?: string;
}
export type MessageTable = Record<string, MessageEntry>;

/** Fill Chrome-style $1..$9 placeholders. */
export function substitute(text: string, subs: readonly (string | number)[] = []): string {
  return text.replace(/\$(\d)/g, (m, d: string) => {
    const v = subs[Number(d) - 1];
    return v === undefined ? m : String(v);
  });
}

/** Render a table as a _locales/<lang>/messages.json object. */
export function toChromeMessages(table: MessageTable, lang: Language): Record<string, { message: string; description?: string }> {
  const out: Record<string, { message: string; description?: string }> = {};
  for (const [key, entry] of Object.entries(table)) {
    if (!/^[A-Za-z0-9_@]+$/.test(key)) throw new Error(`Message key "${key}" has characters Chrome does not accept.`);
    out[key] = { message: entry[lang], ...(entry.description ? { description: entry.description } : {}) };
  }
  return out;
}
