/**
 * The options page's Catalog and Mappings sections: `<CatalogImport db>` and `<LinksCsv db>` from
 * components/options/catalog/ (written by the catalog engineer).
 * Why a glob: the module is being written at the same time as this page; import.meta.glob finds
 * it when it exists and resolves to nothing otherwise, so the build never breaks. Once it is
 * committed, these lazy lookups can become one plain import.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { Alert, Card } from '@/components/ui';
import type { SkulinkDexie } from '@/lib/db/db';
import { t } from '@/lib/i18n';

type DbComponent = ComponentType<{ db: SkulinkDexie }>;

const catalogModules = import.meta.glob<Record<string, unknown>>(['../../options/catalog/*.{ts,tsx}', '!**/*.test.*']);

function Unavailable() {
  return (
    <Alert tone="warning" testId="options-module-unavailable">
      {t('options_module_unavailable')}
    </Alert>
  );
}

/** Load the export `name` from whichever file of components/options/catalog defines it. */
function lazyExport(name: string) {
  return lazy(async (): Promise<{ default: DbComponent }> => {
    for (const load of Object.values(catalogModules)) {
      const mod = await load();
      const found = mod[name];
      if (typeof found === 'function' || (typeof found === 'object' && found !== null)) return { default: found as DbComponent };
    }
    return { default: Unavailable };
  });
}

const CatalogImport = lazyExport('CatalogImport');
const LinksCsv = lazyExport('LinksCsv');

function Loading() {
  return <p className="text-slate-600">{t('options_module_loading')}</p>;
}

/** Catalog: import the product catalog from CSV. */
export function CatalogSection({ db }: { db: SkulinkDexie }) {
  return (
    <Card title={t('options_catalog_title')} description={t('options_catalog_desc')} testId="section-catalog">
      <Suspense fallback={<Loading />}>
        <CatalogImport db={db} />
      </Suspense>
    </Card>
  );
}

/** Mappings: listing-to-product links in and out as CSV. */
export function MappingsSection({ db }: { db: SkulinkDexie }) {
  return (
    <Card title={t('options_mappings_title')} description={t('options_mappings_desc')} testId="section-mappings">
      <Suspense fallback={<Loading />}>
        <LinksCsv db={db} />
      </Suspense>
    </Card>
  );
}
