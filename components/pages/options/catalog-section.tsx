/**
 * The options page's Catalog and Mappings sections: `<CatalogImport db>` and `<LinksCsv db>` from
 * components/options/catalog/ (the catalog engineer's panels), each in a titled card.
 */
import { CatalogImport, LinksCsv } from '@/components/options/catalog';
import { Card } from '@/components/ui';
import type { SkulinkDexie } from '@/lib/db/db';
import { t } from '@/lib/i18n';

/** Catalog: import the product catalog from CSV. */
export function CatalogSection({ db }: { db: SkulinkDexie }) {
  return (
    <Card title={t('options_catalog_title')} description={t('options_catalog_desc')} testId="section-catalog">
      <CatalogImport db={db} />
    </Card>
  );
}

/** Mappings: listing-to-product links in and out as CSV. */
export function MappingsSection({ db }: { db: SkulinkDexie }) {
  return (
    <Card title={t('options_mappings_title')} description={t('options_mappings_desc')} testId="section-mappings">
      <LinksCsv db={db} />
    </Card>
  );
}
