import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createDb } from '@/lib/db/db';
import { importCatalogCsv, guessMapping, type CatalogImportSummary } from '@/lib/catalog/csv-import';
import { substitute } from '@/lib/i18n/core';
import { CatalogImport, CatalogImportResult } from './catalog-import';
import { LinksCsv } from './links-csv';
import { catalogMessages } from './messages';
import { describeCatalogIssue } from './i18n';

describe('catalog messages', () => {
  it('have English and Spanish with the same placeholders and Chrome-safe keys', () => {
    for (const [key, m] of Object.entries(catalogMessages)) {
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(m.en, key).toBeTruthy();
      expect(m.es, key).toBeTruthy();
      const holders = (s: string): string => (s.match(/\$\d/g) ?? []).sort().join();
      expect(holders(m.es), key).toBe(holders(m.en));
    }
  });
});

describe('catalog components (static render)', () => {
  const db = createDb('catalog-ui-static');

  it('render the inputs and buttons an end-to-end test drives', () => {
    const html = renderToStaticMarkup(<CatalogImport db={db} />);
    expect(html).toContain('data-testid="catalog-file"');
    expect(html).toContain('type="file"');
    const links = renderToStaticMarkup(<LinksCsv db={db} />);
    expect(links).toContain('data-testid="links-export"');
    expect(links).toContain('data-testid="links-file"');
  });

  it('shows counts as data attributes, every listed bad row, and hostile text only as text', async () => {
    const csv = 'sku,title,stock\n,<img src=x onerror=alert(1)>,1\nA,<img src=x onerror=alert(1)>,-1\nB,ok,2\n';
    const summary: CatalogImportSummary = await importCatalogCsv(csv, guessMapping(['sku', 'title', 'stock']), {
      async upsertBatch(list) {
        return { created: list.length, updated: 0 };
      },
    });
    const html = renderToStaticMarkup(<CatalogImportResult summary={summary} onDownload={() => {}} />);
    expect(html).toContain('data-created="1"');
    expect(html).toContain('data-updated="0"');
    expect(html).toContain('data-rejected="2"');
    expect(html.match(/data-testid="catalog-error-row"/g)).toHaveLength(2);
    expect(html).toContain('data-row="2"');
    expect(html).toContain('data-row="3"');
    expect(html).not.toContain('<img');
    // The stock error names its value; the text goes through t()/substitute.
    expect(html).toContain(substitute(catalogMessages.catalog_issue_stock_negative.en, ['stock', '-1']).replace(/"/g, '&quot;'));
    expect(describeCatalogIssue(summary.errors[0]!)).toBe(catalogMessages.catalog_issue_sku_empty.en);
  });
});
