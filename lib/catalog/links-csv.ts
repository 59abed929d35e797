/**
 * The SKU mapping table as CSV (issue 3, item 6): export every link as
 * `catalog_sku, marketplace_sku, asin, marketplace` and import such a file (the mappings a seller
 * already keeps in a spreadsheet) as links with method 'import'.
 *
 * Decisions:
 * - `marketplace` is written as the country code (US, DE, ...); on import the country code, the
 *   marketplace id (A1PA6795UKMFR9) or the Seller Central host are accepted; "UK" means GB.
 * - Cells that a spreadsheet would run as a formula (= + - @) are written with a leading `'`;
 *   the import removes that quote again, so export -> import round-trips.
 * - A row whose catalog SKU is not in the catalog is rejected with its row number (a link to
 *   nothing helps nobody); import the catalog first.
 * - The same listing twice in one file: the last row wins, with a warning.
 * - A listing we have not seen yet gets a minimal listing record with source 'import'.
 * - Every change writes link history with actor 'import' and one batchId per file, so the
 *   whole import can be undone as a batch.
 */
import type { SkulinkDexie } from '../db/db';
import type { Link, LinkEvent } from '../domain/link';
import { listingId, type Listing } from '../domain/listing';
import { MARKETPLACES, marketplaceById, marketplaceForHost, type Marketplace } from '../domain/marketplaces';
import { canonicalAsin } from '../matching/identifiers';
import { normalizeHeader } from './column-mapping';
import { readCsvText, streamCsvRecords, toCsv, unguardFormula, type CsvInput } from './csv-text';
import type { RowIssue } from './csv-import';

/** Header of the exported mapping table, in order. */
export const LINKS_CSV_HEADER = ['catalog_sku', 'marketplace_sku', 'asin', 'marketplace'] as const;

const byCountry = new Map(MARKETPLACES.map((m) => [m.country, m]));

/**
 * The marketplace a cell names: country code ("DE", "uk" = GB), marketplace id, or Seller
 * Central / Amazon host ("amazon.de"). Undefined when unknown.
 */
export function parseMarketplace(value: string): Marketplace | undefined {
  const v = value.trim();
  if (!v) return undefined;
  const upper = v.toUpperCase();
  const country = upper === 'UK' ? 'GB' : upper;
  const m = byCountry.get(country) ?? marketplaceById(upper);
  if (m) return m;
  const host = v.toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return marketplaceForHost(host) ?? MARKETPLACES.find((x) => x.host.replace(/^sellercentral\./, '') === host.replace(/^www\./, ''));
}

/** A link as one row of the mapping table. */
export interface LinkCsvRow {
  catalogSku: string;
  marketplaceSku: string;
  asin?: string;
  /** Country code, or the marketplace id when the id is not in our table. */
  marketplace: string;
}

/** Links (with the listing's ASIN as fallback) as mapping-table rows, sorted by marketplace and SKU. */
export function linksToRows(links: readonly Link[], listings: ReadonlyMap<string, Listing> = new Map()): LinkCsvRow[] {
  return links
    .map((l) => ({
      catalogSku: l.productSku,
      marketplaceSku: l.listingSku,
      asin: l.asin ?? listings.get(l.listingId)?.asin,
      marketplace: marketplaceById(l.marketplaceId)?.country ?? l.marketplaceId,
    }))
    .sort((a, b) => a.marketplace.localeCompare(b.marketplace) || a.catalogSku.localeCompare(b.catalogSku) || a.marketplaceSku.localeCompare(b.marketplaceSku));
}

/** Mapping-table rows as CSV text (papaparse.unparse, formula-guarded, CRLF). */
export function linksToCsv(rows: readonly LinkCsvRow[]): string {
  return toCsv(LINKS_CSV_HEADER, rows.map((r) => [r.catalogSku, r.marketplaceSku, r.asin ?? '', r.marketplace]));
}

/** Every link in the database as mapping-table CSV. */
export async function exportLinksCsv(db: SkulinkDexie): Promise<string> {
  const links = await db.links.toArray();
  const listings = await db.listings.bulkGet(links.map((l) => l.listingId));
  const byId = new Map<string, Listing>();
  for (const l of listings) if (l) byId.set(l.id, l);
  return linksToCsv(linksToRows(links, byId));
}

/** What a mapping-table import did. */
export interface LinksImportSummary {
  /** Data rows read (blank rows excluded). */
  rows: number;
  /** Listings that had no link and now have one. */
  linked: number;
  /** Listings whose link pointed at another product and now points at this row's. */
  replaced: number;
  /** Rows that repeated a link we already had. */
  unchanged: number;
  /** Listing records created for marketplace SKUs we had not seen. */
  listingsCreated: number;
  /** Rows repeating a listing of an earlier row of the file (last wins). */
  duplicates: number;
  rejected: number;
  errors: RowIssue[];
  warnings: RowIssue[];
  /** Problems with the whole file (missing columns, empty file). */
  fileErrors: string[];
  /** Groups this import's link history (undo as a batch). */
  batchId: string;
  cancelled: boolean;
}

/** Options of {@link importLinksCsv}. */
export interface LinksImportOptions {
  signal?: AbortSignal;
  now?: () => number;
  batchId?: string;
  chunkSize?: number;
  onProgress?: (p: { rowsDone: number; bytesDone: number; totalBytes: number }) => void;
}

const COLUMN_ALIASES: Record<'catalogSku' | 'marketplaceSku' | 'asin' | 'marketplace', string[]> = {
  catalogSku: ['catalog sku', 'product sku', 'catalogue sku', 'erp sku', 'internal sku', 'sku catalogo', 'sku catalogue', 'sku catalogo interno'],
  marketplaceSku: ['marketplace sku', 'seller sku', 'amazon sku', 'listing sku', 'msku', 'sku marketplace', 'sku amazon'],
  asin: ['asin'],
  marketplace: ['marketplace', 'marketplace id', 'marketplaceid', 'country', 'marketplace country', 'market', 'mercado', 'pais'],
};

type LinkColumns = Record<keyof typeof COLUMN_ALIASES, number>;

function findColumns(headers: readonly string[]): { columns?: LinkColumns; missing: string[] } {
  const norm = headers.map((h) => normalizeHeader(unguardFormula(h)));
  const found: Partial<LinkColumns> = {};
  for (const key of Object.keys(COLUMN_ALIASES) as (keyof LinkColumns)[]) {
    const idx = norm.findIndex((h) => COLUMN_ALIASES[key].includes(h));
    if (idx >= 0) found[key] = idx;
  }
  const missing = (['catalogSku', 'marketplaceSku', 'marketplace'] as const).filter((k) => found[k] === undefined).map((k) => LINKS_CSV_HEADER[k === 'catalogSku' ? 0 : k === 'marketplaceSku' ? 1 : 3]);
  if (missing.length) return { missing };
  return { columns: { asin: -1, ...found } as LinkColumns, missing };
}

function newBatchId(now: number): string {
  const rand = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID().slice(0, 8) : Math.random().toString(36).slice(2, 10);
  return `import-${now}-${rand}`;
}

interface Candidate {
  row: number;
  catalogSku: string;
  marketplaceSku: string;
  asin?: string;
  marketplaceId: string;
}

/**
 * Import a mapping table. Each row is validated (catalog SKU and marketplace SKU non-empty,
 * marketplace known, catalog SKU present in the catalog); valid rows create or replace the link of
 * their listing (method 'import'), create a minimal listing record when the listing is unknown,
 * and write link history (actor 'import', one batchId). One transaction per chunk.
 */
export async function importLinksCsv(db: SkulinkDexie, input: CsvInput, options: LinksImportOptions = {}): Promise<LinksImportSummary> {
  const clock = options.now ?? Date.now;
  const batchId = options.batchId ?? newBatchId(clock());
  const summary: LinksImportSummary = {
    rows: 0, linked: 0, replaced: 0, unchanged: 0, listingsCreated: 0, duplicates: 0, rejected: 0,
    errors: [], warnings: [], fileErrors: [], batchId, cancelled: false,
  };
  const { text, totalBytes, delimiter } = await readCsvText(input);
  let columns: LinkColumns | undefined;
  const seenListing = new Map<string, number>();
  const reject = (row: number, code: RowIssue['code'], reason: string, column?: string, value?: string): void => {
    summary.rejected++;
    summary.errors.push({ row, code, reason, ...(column ? { column } : {}), ...(value !== undefined ? { value } : {}) });
  };

  const result = await streamCsvRecords(
    text,
    async (chunk) => {
      const candidates: Candidate[] = [];
      const errorRecords = new Set(chunk.errors.map((e) => e.record));
      chunk.records.forEach((record, i) => {
        const recordIndex = chunk.firstRecord + i;
        const row = recordIndex + 1;
        if (recordIndex === 0) {
          const found = findColumns(record);
          if (!found.columns) summary.fileErrors.push(`Missing column(s): ${found.missing.join(', ')} (expected a header like ${LINKS_CSV_HEADER.join(',')})`);
          columns = found.columns;
          return;
        }
        if (!columns) return;
        if (record.every((c) => c.trim() === '') && !errorRecords.has(recordIndex)) return;
        summary.rows++;
        if (errorRecords.has(recordIndex)) {
          reject(row, 'malformed', 'Malformed CSV: unbalanced quotes in this row');
          return;
        }
        const cell = (c: number): string => (c < 0 ? '' : unguardFormula((record[c] ?? '').trim()));
        const catalogSku = cell(columns.catalogSku);
        const marketplaceSku = cell(columns.marketplaceSku);
        const mpText = cell(columns.marketplace);
        const asinText = cell(columns.asin);
        if (!catalogSku) return reject(row, 'sku-empty', 'Catalog SKU (catalog_sku) is empty', 'catalog_sku', '');
        if (!marketplaceSku) return reject(row, 'sku-empty', 'Marketplace SKU (marketplace_sku) is empty', 'marketplace_sku', '');
        if (marketplaceSku.length > 200) return reject(row, 'sku-too-long', 'Marketplace SKU is longer than 200 characters', 'marketplace_sku');
        const mp = parseMarketplace(mpText);
        if (!mp) {
          return reject(
            row,
            'marketplace-unknown',
            mpText ? `Unknown marketplace "${mpText.slice(0, 40)}" (use a country code like US or DE, or a marketplace id)` : 'Marketplace is empty',
            'marketplace',
            mpText.slice(0, 80),
          );
        }
        let asin: string | undefined;
        if (asinText) {
          asin = canonicalAsin(asinText);
          if (!asin) {
            summary.warnings.push({ row, code: 'asin-invalid', reason: `ASIN "${asinText.slice(0, 40)}" is not an ASIN; the link was imported without it`, column: 'asin', value: asinText.slice(0, 80) });
          }
        }
        candidates.push({ row, catalogSku, marketplaceSku, marketplaceId: mp.id, ...(asin ? { asin } : {}) });
      });
      if (candidates.length) await applyCandidates(db, candidates, summary, seenListing, reject, clock(), batchId);
      options.onProgress?.({
        rowsDone: summary.rows,
        bytesDone: text.length ? Math.round((chunk.cursor / text.length) * totalBytes) : totalBytes,
        totalBytes,
      });
    },
    { chunkSize: options.chunkSize, signal: options.signal, delimiter },
  );
  if (result.records === 0) summary.fileErrors.push('The file is empty: no header row');
  summary.cancelled = result.aborted;
  // Catalog checks run per chunk after the row checks: put everything back in file order.
  summary.errors.sort((a, b) => a.row - b.row);
  summary.warnings.sort((a, b) => a.row - b.row);
  return summary;
}

async function applyCandidates(
  db: SkulinkDexie,
  candidates: Candidate[],
  summary: LinksImportSummary,
  seenListing: Map<string, number>,
  reject: (row: number, code: RowIssue['code'], reason: string, column?: string, value?: string) => void,
  now: number,
  batchId: string,
): Promise<void> {
  // Last row wins inside the chunk too: keep only the last candidate per listing.
  const lastByListing = new Map<string, Candidate>();
  for (const c of candidates) lastByListing.set(listingId(c.marketplaceId, c.marketplaceSku), c);

  await db.transaction('rw', [db.products, db.listings, db.links, db.linkHistory], async () => {
    const skus = [...new Set(candidates.map((c) => c.catalogSku))];
    const products = await db.products.bulkGet(skus);
    const known = new Set(skus.filter((_, i) => products[i] !== undefined));
    const ids = [...lastByListing.keys()];
    const [links, listings] = await Promise.all([db.links.bulkGet(ids), db.listings.bulkGet(ids)]);
    const linkById = new Map(ids.map((id, i) => [id, links[i]]));
    const listingById = new Map(ids.map((id, i) => [id, listings[i]]));
    const putLinks: Link[] = [];
    const putListings: Listing[] = [];
    const events: LinkEvent[] = [];

    for (const c of candidates) {
      const id = listingId(c.marketplaceId, c.marketplaceSku);
      if (!known.has(c.catalogSku)) {
        reject(c.row, 'not-in-catalog', `Catalog SKU "${c.catalogSku.slice(0, 80)}" is not in the catalog (import the catalog first)`, 'catalog_sku', c.catalogSku.slice(0, 80));
        continue;
      }
      const earlier = seenListing.get(id);
      if (earlier !== undefined) {
        summary.duplicates++;
        summary.warnings.push({
          row: c.row,
          code: 'duplicate-sku',
          reason: `Marketplace SKU "${c.marketplaceSku.slice(0, 80)}" on ${marketplaceById(c.marketplaceId)?.country ?? c.marketplaceId} is also on row ${earlier}; the last row (${c.row}) wins`,
          value: c.marketplaceSku.slice(0, 80),
          otherRow: earlier,
        });
      }
      seenListing.set(id, c.row);
      const old = linkById.get(id);
      const link: Link = {
        listingId: id,
        marketplaceId: c.marketplaceId,
        listingSku: c.marketplaceSku,
        productSku: c.catalogSku,
        method: 'import',
        createdAt: now,
        ...(c.asin ?? old?.asin ?? listingById.get(id)?.asin ? { asin: c.asin ?? old?.asin ?? listingById.get(id)?.asin } : {}),
      };
      if (old && old.productSku === c.catalogSku) {
        if (earlier === undefined) summary.unchanged++;
        if (c.asin && c.asin !== old.asin) putLinks.push({ ...old, asin: c.asin });
      } else {
        if (old) {
          if (earlier === undefined) summary.replaced++;
          events.push({ at: now, action: 'unlink', method: 'unlink', actor: 'import', listingId: id, productSku: old.productSku, batchId });
        } else if (earlier === undefined) {
          summary.linked++;
        }
        events.push({ at: now, action: 'link', method: 'import', actor: 'import', listingId: id, productSku: c.catalogSku, batchId });
        putLinks.push(link);
      }
      linkById.set(id, link);
      if (!listingById.get(id)) {
        const listing: Listing = {
          id,
          marketplaceId: c.marketplaceId,
          sku: c.marketplaceSku,
          ...(c.asin ? { asin: c.asin } : {}),
          fulfillmentChannel: 'UNKNOWN',
          source: 'import',
          firstSeenAt: now,
          lastSeenAt: now,
        };
        putListings.push(listing);
        listingById.set(id, listing);
        summary.listingsCreated++;
      }
    }
    if (putListings.length) await db.listings.bulkPut(putListings);
    if (putLinks.length) await db.links.bulkPut(putLinks);
    if (events.length) await db.linkHistory.bulkAdd(events);
  });
}
