import { useLiveQuery } from 'dexie-react-hooks';
import { Fragment, useEffect, type ReactNode } from 'react';
import type { SkulinkDexie } from '@/lib/db/db';
import { forcedLanguage, languageSetting, readSetting } from '@/lib/settings';
import { applyLanguage } from './language-state';

/**
 * Reads the seller's language from the settings, applies it (lib/i18n setLanguage) before the
 * page renders, and renders the page again when the choice changes (from any extension page).
 */
export function LanguageGate({ db, title, children }: { db: SkulinkDexie; title?: () => string; children: ReactNode }) {
  const choice = useLiveQuery(() => readSetting(db, languageSetting).catch(() => 'auto' as const), [db]);
  // Applied during render so the first paint is already in the chosen language.
  if (choice !== undefined) applyLanguage(forcedLanguage(choice));
  useEffect(() => {
    if (choice !== undefined && title) document.title = title();
  }, [choice, title]);
  if (choice === undefined) return null;
  return <Fragment key={choice}>{children}</Fragment>;
}
