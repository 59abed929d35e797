/** The seller's interface language: the browser's, or one chosen in the options. */
import { z } from 'zod';
import type { Language } from '../i18n';
import { defineSetting } from './setting';

/** 'auto' follows the browser; otherwise a language we ship. */
export const LanguageChoice = z.enum(['auto', 'en', 'es']);
export type LanguageChoice = z.infer<typeof LanguageChoice>;

/** The `language` setting (version 1). */
export const languageSetting = defineSetting({
  key: 'language',
  version: 1,
  schema: LanguageChoice,
  fallback: (): LanguageChoice => 'auto',
});

/** The argument for i18n's setLanguage: undefined means "the browser's". */
export function forcedLanguage(choice: LanguageChoice): Language | undefined {
  return choice === 'auto' ? undefined : choice;
}
