import { useEffect, useRef, useState } from 'react';
import { SideNav, type NavItem } from '@/components/ui';
import type { SkulinkDexie } from '@/lib/db/db';
import { t } from '@/lib/i18n';
import { AccountsSection } from './accounts-section';
import { CatalogSection, MappingsSection } from './catalog-section';
import { LanguageSection } from './language-section';
import { MatchingSection } from './matching-section';
import { SyncRulesSection } from './sync-rules-section';

/** The sections of the options page, in navigation order (also their URL hashes). */
export const OPTIONS_SECTIONS = ['catalog', 'mappings', 'accounts', 'sync-rules', 'matching', 'language'] as const;
export type OptionsSection = (typeof OPTIONS_SECTIONS)[number];

function sectionFromHash(hash: string): OptionsSection {
  const key = hash.replace(/^#/, '');
  return (OPTIONS_SECTIONS as readonly string[]).includes(key) ? (key as OptionsSection) : 'catalog';
}

/**
 * The options page (opened in a tab): a side navigation and one section at a time. The section
 * follows the URL hash (options.html#accounts), so links and reloads land on the same section.
 */
export function OptionsPage({ db }: { db: SkulinkDexie }) {
  const [section, setSection] = useState<OptionsSection>(() => sectionFromHash(location.hash));
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    const onHash = () => setSection(sectionFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  function select(next: OptionsSection) {
    setSection(next);
    history.replaceState(null, '', `#${next}`);
    // Keyboard and screen-reader users land on the section they chose.
    mainRef.current?.focus();
  }

  const items: NavItem<OptionsSection>[] = [
    { key: 'catalog', label: t('options_nav_catalog') },
    { key: 'mappings', label: t('options_nav_mappings') },
    { key: 'accounts', label: t('options_nav_accounts') },
    { key: 'sync-rules', label: t('options_nav_sync_rules') },
    { key: 'matching', label: t('options_nav_matching') },
    { key: 'language', label: t('options_nav_language') },
  ];

  return (
    <div className="mx-auto flex min-h-screen max-w-6xl flex-col gap-6 p-6 md:flex-row">
      <aside className="md:w-56 md:shrink-0">
        <h1 className="mb-4 px-3 text-lg font-semibold">{t('options_title')}</h1>
        <SideNav items={items} current={section} onSelect={select} label={t('options_nav_label')} />
      </aside>
      <main ref={mainRef} tabIndex={-1} className="min-w-0 flex-1 focus:outline-none" data-testid={`options-${section}`}>
        {section === 'catalog' && <CatalogSection db={db} />}
        {section === 'mappings' && <MappingsSection db={db} />}
        {section === 'accounts' && <AccountsSection db={db} />}
        {section === 'sync-rules' && <SyncRulesSection db={db} />}
        {section === 'matching' && <MatchingSection db={db} />}
        {section === 'language' && <LanguageSection db={db} />}
      </main>
    </div>
  );
}
