import { describe, expect, it } from 'vitest';
import {
  JANUS_EN_US, JANUS_ES, JANUS_JA, JANUS_ROOT_10PX, LEGACY_DE, LEGACY_EN_US, staticFixtureListings,
} from '../../../tests/fixtures/seller-central/fixtures.ts';
import {
  generateJanusPage, generateLegacyPage, generateListings, type FixtureListing,
} from '../../../tests/fixtures/seller-central/generate.ts';
import { loadFixture, parseDocument } from '../../../tests/fixtures/seller-central/load.ts';
import {
  extractInventoryRow, extractInventoryRows, extractRowIdentity, findRowBySku, findRowElements, findUnreadableRows, readPagination, readSku,
  type InventoryRow,
} from './inventory.ts';
import type { FixtureName } from './selectors.ts';

const US = { decimal: '.' } as const;
const EU = { decimal: ',' } as const;

/** The serializable part of a row. */
const data = (r: InventoryRow): Omit<InventoryRow, 'element' | 'mount'> => {
  const { element: _e, mount: _m, ...rest } = r;
  return rest;
};
const bySku = (rows: InventoryRow[], sku: string): InventoryRow => {
  const r = rows.find((x) => x.sku === sku);
  if (!r) throw new Error(`no row ${sku}`);
  return r;
};

/** What a fixture listing should read back as (variants drop what the row does not show). */
function expected(l: FixtureListing, shape: 'janus' | 'legacy', channelShown: boolean): Omit<InventoryRow, 'element' | 'mount' | 'status'> {
  const v = l.variant ?? {};
  const asinShown = !(v.noAsin && v.noTitle);
  return {
    sku: l.sku,
    ...(asinShown ? { asin: l.asin } : {}),
    ...(v.noTitle ? {} : { title: l.title }),
    ...(v.noPrice ? {} : { price: l.price }),
    ...(v.noQuantity ? {} : { quantity: l.quantity }),
    fulfillmentChannel: channelShown ? l.fulfillmentChannel : 'UNKNOWN',
    shape,
  };
}

function roundTrip(name: FixtureName, listings: FixtureListing[], shape: 'janus' | 'legacy', opts: { decimal: '.' | ',' }): void {
  const rows = extractInventoryRows(loadFixture(name), opts);
  const readable = listings.filter((l) => !(l.variant?.noSkuText && (l.variant.dataSku || l.variant.rowId === 'opaque')));
  expect(rows.map((r) => r.sku)).toEqual(readable.map((l) => l.sku));
  for (const l of readable) {
    const { status: _s, ...got } = data(bySku(rows, l.sku));
    // Legacy rows show MFN/AFN only through the delayed data or the AFN note under the quantity.
    const channelShown = shape === 'janus' || !l.variant?.noDelayedData || l.fulfillmentChannel === 'AFN';
    expect(got, l.sku).toEqual(expected(l, shape, channelShown));
  }
}

describe('legacy table, en-US', () => {
  const doc = loadFixture('inventory-legacy-en-us');
  const rows = extractInventoryRows(doc, US);

  it('reads every readable row in order and skips the header row', () => {
    expect(rows.map((r) => r.sku)).toEqual([
      'KDL-40V4100', 'amzn.gr.voltra-k2m9x-used', 'BOX 12/3 .v2', 'A=B', `O'Brien "Deluxe"`, 'ハンドクリーム-01',
      'X4-B7TK-9Q2M', '100234', 'kessel_co_set_12', 'QH-PB 2nd ed.', 'FBA.7QK2M.41', 'Kessel/Chef 8" Knife',
    ]);
    expect(rows.some((r) => r.element.id === 'head-row' || r.element.classList.contains('mt-head'))).toBe(false);
    expect(rows.every((r) => r.shape === 'legacy' && r.element.tagName === 'TR')).toBe(true);
  });

  it('reads the well-formed row completely', () => {
    expect(data(rows[0] as InventoryRow)).toEqual({
      sku: 'KDL-40V4100', asin: 'B0C7X2K9QM', title: 'Voltra 65W USB-C GaN Charger, 3-Port, Foldable Plug',
      price: 55, quantity: 25, fulfillmentChannel: 'MFN', status: 'Active', shape: 'legacy',
    });
  });

  it('falls back: no JSON → base64 id; broken JSON → id; no SKU anywhere but the cell → cell text', () => {
    const obrien = bySku(rows, `O'Brien "Deluxe"`);
    expect(obrien.element.hasAttribute('data-row-data')).toBe(false);
    expect(obrien).toMatchObject({ asin: 'B09XJ3M2LA', price: 79.95, quantity: 12, fulfillmentChannel: 'UNKNOWN' });
    const ja = bySku(rows, 'ハンドクリーム-01');
    expect(() => JSON.parse(ja.element.getAttribute('data-row-data') ?? '')).toThrow();
    expect(ja).toMatchObject({ asin: 'B0CH4ND7KR', price: 18.5, quantity: 7, title: 'Mirella Hand Cream Gift Set, 3 x 30 ml' });
    const cellOnly = bySku(rows, 'X4-B7TK-9Q2M');
    expect(cellOnly.element.id).toBe('row-6');
    expect(cellOnly.price).toBe(21.99);
  });

  it('reads AFN from the delayed data, a missing price as absent, and the status as shown', () => {
    expect(bySku(rows, 'amzn.gr.voltra-k2m9x-used').fulfillmentChannel).toBe('AFN');
    expect(bySku(rows, 'FBA.7QK2M.41').price).toBeUndefined();
    expect(bySku(rows, '100234')).toMatchObject({ quantity: 0, status: 'Inactive' });
    expect(bySku(rows, 'QH-PB 2nd ed.').asin).toBe('0306406152');
  });

  it('reports the unreadable row separately', () => {
    const bad = findUnreadableRows(doc);
    expect(bad).toHaveLength(1);
    expect(bad[0]?.querySelector('a[href*="/dp/"]')?.getAttribute('href')).toContain('B0UNREAD01');
    expect(findRowElements(doc)).toHaveLength(13);
  });

  it('mounts the badge in the title cell of the row', () => {
    for (const r of rows) {
      expect(r.mount.getAttribute('data-column')).toBe('title');
      expect(r.element.contains(r.mount)).toBe(true);
    }
  });

  it('round-trips the fixture listings', () => roundTrip('inventory-legacy-en-us', LEGACY_EN_US, 'legacy', US));

  it('reads the legacy pagination', () => {
    expect(readPagination(doc)).toEqual({ totalItems: 13, totalPages: 1 });
  });
});

describe('legacy table, de-DE (decimal comma)', () => {
  const doc = loadFixture('inventory-legacy-de');
  const rows = extractInventoryRows(doc, EU);

  it('parses comma prices from JSON and inputs', () => {
    expect(bySku(rows, 'KDL-40V4100-DE').price).toBe(55);
    expect(bySku(rows, 'GEWÜRZ-MÜHLE 3/4').price).toBe(1234.56);
    expect(bySku(rows, 'NW 10/2 .v3')).toMatchObject({ price: 0.99, quantity: 1000 });
    expect(bySku(rows, 'amzn.gr.kessel-88xq1-used')).toMatchObject({ price: 19.9, fulfillmentChannel: 'AFN', status: 'Aktiv' });
  });

  it('reads a row whose data-row-data is broken from the delayed data and the cells', () => {
    const r = bySku(rows, 'HOP-Ü=1');
    expect(r.element.getAttribute('data-row-data')?.endsWith('}')).toBe(false);
    expect(data(r)).toEqual({
      sku: 'HOP-Ü=1', asin: 'B0H0PPA1A2', title: 'Hoppala Holz-Murmelbahn „Kullerstadt“ mit 80 Teilen',
      price: 49.95, quantity: 17, fulfillmentChannel: 'MFN', status: 'Aktiv', shape: 'legacy',
    });
  });

  it('round-trips the fixture listings', () => roundTrip('inventory-legacy-de', LEGACY_DE, 'legacy', EU));

  it('reads "1.234" products and 50 pages', () => {
    expect(readPagination(doc)).toEqual({ totalItems: 1234, totalPages: 50 });
  });

  it('reads a lone comma with two decimals as decimal even with the wrong option', () => {
    // "1234,56" in JSON with '.' as decimal: a lone comma with two digits still reads as decimal.
    expect(bySku(extractInventoryRows(doc, US), 'GEWÜRZ-MÜHLE 3/4').price).toBe(1234.56);
  });
});

describe('Janus, en-US', () => {
  const doc = loadFixture('inventory-janus-en-us');
  const rows = extractInventoryRows(doc, US);

  it('reads 24 of 25 rows; the header row is not a row', () => {
    expect(rows).toHaveLength(24);
    expect(findRowElements(doc)).toHaveLength(25);
    expect(rows.some((r) => r.element.matches('[class*="tableHeaderRow"]'))).toBe(false);
  });

  it('reads the well-formed row completely', () => {
    const r = bySku(rows, 'KDL-40V4100');
    expect(data(r)).toEqual({
      sku: 'KDL-40V4100', asin: 'B0C7X2K9QM', title: 'Voltra 65W USB-C GaN Charger, 3-Port, Foldable Plug',
      price: 55, quantity: 25, fulfillmentChannel: 'MFN', status: 'Active', shape: 'janus',
    });
    expect(r.element.getAttribute('data-sku')).toBe('KDL-40V4100');
  });

  it('does not take the minimum or maximum price for the price', () => {
    const r = bySku(rows, 'KDL-40V4100');
    const values = Array.from(r.element.querySelectorAll('kat-input')).map((k) => k.getAttribute('value'));
    expect(values).toEqual(['25', '55.00', '49.99', '69.99']);
    expect(r.price).toBe(55);
  });

  it('reads FBA rows: quantity as text, channel from "Available (FBA)"', () => {
    expect(bySku(rows, 'amzn.gr.northwave-7hq2p-used')).toMatchObject({ quantity: 2, price: 31.2, fulfillmentChannel: 'AFN' });
    expect(bySku(rows, 'FBA.7QK2M.41')).toMatchObject({ quantity: 130, fulfillmentChannel: 'AFN' });
    expect(bySku(rows, 'FBA.7QK2M.41').price).toBeUndefined();
  });

  it('handles extra wrappers, a missing wrapper, an empty data-sku, a SKU span, no title, no ASIN panel', () => {
    const box = bySku(rows, 'BOX 12/3 .v2');
    expect(box.element.hasAttribute('data-sku')).toBe(true);
    expect(box).toMatchObject({ price: 1234.56, quantity: 1500 });
    const noWrapper = bySku(rows, 'ハンドクリーム-01');
    expect(noWrapper.element.hasAttribute('data-sku')).toBe(false);
    expect(noWrapper.element.getAttribute('class')).toContain('JanusTable-module__tableContentRow');
    expect(bySku(rows, 'PX-PB-20K')).toMatchObject({ asin: 'B0A1B2C3D4', status: 'Inactive', quantity: 0 });
    expect(bySku(rows, 'A=B').asin).toBe('B0CKZ8W1HF');
    const noTitle = bySku(rows, 'ORB-SHUTTLE-412');
    expect(noTitle.title).toBeUndefined();
    expect(noTitle.asin).toBe('B0SHUTTL41');
    expect(bySku(rows, 'QH-PB 2nd ed.').asin).toBe('0306406152');
    expect(bySku(rows, `O'Brien "Deluxe"`).price).toBe(79.95);
  });

  it('reports the row without any SKU as unreadable', () => {
    const bad = findUnreadableRows(doc);
    expect(bad).toHaveLength(1);
    expect(bad[0]?.getAttribute('data-sku')).toBe('');
    expect(bad[0]?.textContent).toContain('B0UNREAD02');
  });

  it('mounts the badge in the product cell, after the SKU/title block', () => {
    for (const r of rows) {
      expect(r.element.contains(r.mount)).toBe(true);
      expect(r.mount.getAttribute('class')).toContain('TableCell-module__cellLayout');
      expect(r.mount.querySelector('[class*="ProductDetails-module__container"]')).not.toBeNull();
    }
  });

  it('round-trips the fixture listings', () => roundTrip('inventory-janus-en-us', JANUS_EN_US, 'janus', US));

  it('reads kat-pagination', () => {
    expect(readPagination(doc)).toEqual({ totalItems: 137, itemsPerPage: 25, page: 1, totalPages: 6 });
  });
});

describe('Janus with changed hashed class suffixes', () => {
  it('reads the same rows as before the change', () => {
    const before = extractInventoryRows(loadFixture('inventory-janus-en-us'), US).map(data);
    const doc = loadFixture('inventory-janus-en-us-rehashed');
    const row = doc.querySelector('[class*="JanusTable-module__tableContentRow"]')?.getAttribute('class');
    const old = loadFixture('inventory-janus-en-us').querySelector('[class*="JanusTable-module__tableContentRow"]')?.getAttribute('class');
    expect(row).not.toBe(old);
    expect(extractInventoryRows(doc, US).map(data)).toEqual(before);
    expect(findUnreadableRows(doc)).toHaveLength(1);
  });
});

describe('Janus, es-ES', () => {
  const rows = extractInventoryRows(loadFixture('inventory-janus-es'), EU);
  it('reads Spanish labels and comma values', () => {
    expect(data(bySku(rows, 'KDL-40V4100-ES'))).toEqual({
      sku: 'KDL-40V4100-ES', asin: 'B0C7X2K9QM', title: 'Voltra Cargador USB-C GaN de 65 W, 3 puertos',
      price: 54.9, quantity: 25, fulfillmentChannel: 'MFN', status: 'Activo', shape: 'janus',
    });
    expect(bySku(rows, 'SARTÉN/26 .v1').price).toBe(1299.5);
    expect(bySku(rows, 'amzn.gr.hoppala-2zz9k-used')).toMatchObject({ fulfillmentChannel: 'AFN', quantity: 8 });
    expect(bySku(rows, 'LIBRO=7')).toMatchObject({ quantity: 0, status: 'Sin existencias' });
  });
  it('round-trips the fixture listings', () => roundTrip('inventory-janus-es', JANUS_ES, 'janus', EU));
});

describe('Janus, ja-JP', () => {
  const rows = extractInventoryRows(loadFixture('inventory-janus-ja'), US);
  it('keeps SKUs in Japanese script exactly (no width folding)', () => {
    expect(rows.slice(0, 4).map((r) => r.sku)).toEqual(['ハンドクリーム-01', '保温ボトル 500ml/青', 'TT-ｱｰﾄ-150', 'KDL-40V4100-JP']);
    expect(data(bySku(rows, '保温ボトル 500ml/青'))).toEqual({
      sku: '保温ボトル 500ml/青', asin: 'B0H0N0B0T1', title: 'Copperleaf 真空断熱 保温ボトル 500ml ブルー',
      price: 2480, quantity: 60, fulfillmentChannel: 'AFN', status: '出品中', shape: 'janus',
    });
    expect(bySku(rows, 'KDL-40V4100-JP')).toMatchObject({ price: 12800, quantity: 1200, fulfillmentChannel: 'MFN', status: '停止中' });
  });
  it('round-trips the fixture listings', () => roundTrip('inventory-janus-ja', JANUS_JA, 'janus', US));
});

describe('Janus with a 10px root font size', () => {
  it('is an ordinary page for extraction', () => {
    const doc = loadFixture('inventory-janus-root-10px');
    expect(doc.documentElement.getAttribute('style')).toContain('font-size: 10px');
    roundTrip('inventory-janus-root-10px', JANUS_ROOT_10PX, 'janus', US);
  });
});

describe('a page that changes under us', () => {
  it('finds rows added later and rows replaced by fresh nodes', () => {
    const doc = loadFixture('inventory-janus-en-us');
    const body = doc.querySelector('[data-sk-table-body]');
    const first = doc.querySelector('[data-sku="KDL-40V4100"]');
    if (!body || !first) throw new Error('fixture changed');
    const added = first.cloneNode(true) as Element;
    added.setAttribute('data-sku', 'NEW-ROW 1/2');
    body.append(added);
    const replacement = first.cloneNode(true) as Element;
    first.replaceWith(replacement);
    const rows = extractInventoryRows(doc, US);
    expect(rows).toHaveLength(25);
    expect(rows.at(-1)?.sku).toBe('NEW-ROW 1/2');
    expect(findRowBySku(doc, 'KDL-40V4100')).toBe(replacement);
    expect(bySku(rows, 'KDL-40V4100').element).toBe(replacement);
  });

  it('finds rows by SKU for every awkward SKU, in both shapes', () => {
    const janus = loadFixture('inventory-janus-en-us');
    for (const sku of ['A=B', `O'Brien "Deluxe"`, 'BOX 12/3 .v2', 'ハンドクリーム-01', 'PX-PB-20K']) {
      const el = findRowBySku(janus, sku);
      expect(el, sku).not.toBeNull();
      expect(readSku(el as Element)).toBe(sku);
    }
    const legacy = loadFixture('inventory-legacy-en-us');
    for (const sku of ['A=B', `O'Brien "Deluxe"`, 'X4-B7TK-9Q2M', 'Kessel/Chef 8" Knife']) {
      expect(readSku(findRowBySku(legacy, sku) as Element), sku).toBe(sku);
    }
    expect(findRowBySku(legacy, 'NOT THERE')).toBeNull();
  });

  it('never throws on broken attributes; the SKU is the only must', () => {
    const doc = loadFixture('inventory-legacy-en-us');
    const tr = doc.querySelector('tr.mt-row') as Element;
    tr.setAttribute('data-row-data', '{"sku": "KDL');
    tr.setAttribute('data-delayed-dependency-data', '{{{');
    expect(extractInventoryRow(tr, US)).toMatchObject({ sku: 'KDL-40V4100', asin: 'B0C7X2K9QM', price: 55, quantity: 25, fulfillmentChannel: 'UNKNOWN' });
    tr.setAttribute('data-row-data', '"just a string"');
    tr.setAttribute('data-delayed-dependency-data', '{"MYIService": [1, 2]}');
    expect(extractInventoryRow(tr, US)?.sku).toBe('KDL-40V4100');

    const bare = parseDocument('<!doctype html><body><div data-sku="ONLY-SKU"></div><div data-sku="   "></div></body>');
    expect(extractInventoryRows(bare, US).map(data)).toEqual([{ sku: 'ONLY-SKU', fulfillmentChannel: 'UNKNOWN', shape: 'janus' }]);
    expect(findUnreadableRows(bare)).toHaveLength(1);
    expect(readPagination(bare)).toBeNull();
  });

  it('does not count a nested data-sku element as a second row', () => {
    const doc = loadFixture('inventory-janus-en-us');
    const first = doc.querySelector('[data-sku="KDL-40V4100"]') as Element;
    const inner = doc.createElement('span');
    inner.setAttribute('data-sku', 'KDL-40V4100');
    first.querySelector('[class*="ProductDetails-module__container"]')?.append(inner);
    expect(findRowElements(doc)).toHaveLength(25);
  });
});

describe('generated pages', () => {
  it('250 Janus rows read back as the generated listings', () => {
    const listings = generateListings({ rows: 250, seed: 42 });
    const rows = extractInventoryRows(parseDocument(generateJanusPage({ rows: 250, seed: 42 })), US);
    expect(rows.map((r) => r.sku)).toEqual(listings.map((l) => l.sku));
    for (const [i, l] of listings.entries()) expect(data(rows[i] as InventoryRow)).toMatchObject(expected(l, 'janus', true));
  });

  it('250 legacy DE rows read back with comma prices', () => {
    const listings = generateListings({ rows: 250, seed: 7 });
    const rows = extractInventoryRows(parseDocument(generateLegacyPage({ rows: 250, seed: 7, marketplace: 'DE' })), EU);
    expect(rows.map((r) => r.sku)).toEqual(listings.map((l) => l.sku));
    expect(rows.map((r) => r.price)).toEqual(listings.map((l) => l.price));
    expect(rows.map((r) => r.fulfillmentChannel)).toEqual(listings.map((l) => l.fulfillmentChannel));
  });

  it('generateListings is deterministic and has many SKU styles, valid GTINs and B0 ASINs', () => {
    const a = generateListings({ rows: 300, seed: 1 });
    expect(generateListings({ rows: 300, seed: 1 })).toEqual(a);
    expect(new Set(a.map((l) => l.sku)).size).toBe(300);
    expect(a.some((l) => l.sku.startsWith('amzn.gr.'))).toBe(true);
    expect(a.some((l) => /[ /.]/.test(l.sku) && l.sku.includes(' '))).toBe(true);
    expect(a.some((l) => l.sku.includes('='))).toBe(true);
    expect(a.some((l) => l.sku.includes('"') && l.sku.includes("'"))).toBe(true);
    expect(a.some((l) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(l.sku))).toBe(true);
    for (const l of a) {
      expect(l.asin).toMatch(/^(?:B0[A-Z0-9]{8}|\d{9}[\dX])$/);
      if (l.gtin) {
        const digits = [...l.gtin].map(Number);
        const sum = digits.slice(0, -1).reverse().reduce((s, d, i) => s + (i % 2 === 0 ? d * 3 : d), 0);
        expect((10 - (sum % 10)) % 10, l.gtin).toBe(digits.at(-1));
      }
    }
  });
});

describe('listings for the demo catalog', () => {
  it('lists every readable SKU of the static inventory fixtures once', () => {
    const names = ['inventory-legacy-en-us', 'inventory-legacy-de', 'inventory-janus-en-us', 'inventory-janus-es', 'inventory-janus-ja', 'inventory-janus-root-10px'] as const;
    const onPages = new Set(names.flatMap((n) => extractInventoryRows(loadFixture(n), n.endsWith('-de') || n.endsWith('-es') ? EU : US).map((r) => r.sku)));
    const listed = staticFixtureListings();
    expect(new Set(listed.map((l) => l.sku))).toEqual(onPages);
    expect(listed.filter((l) => l.gtin).length).toBeGreaterThan(10);
  });
});

describe('extractRowIdentity (the fast path the overlay badges rows with)', () => {
  for (const name of ['inventory-janus-en-us', 'inventory-janus-en-us-rehashed', 'inventory-legacy-en-us', 'inventory-legacy-de', 'inventory-janus-ja'] as const) {
    it(`agrees with the full extraction on ${name}`, () => {
      const doc = loadFixture(name);
      const rows = findRowElements(doc);
      expect(rows.length).toBeGreaterThan(5);
      for (const el of rows) {
        const full = extractInventoryRow(el, { decimal: '.' });
        const fast = extractRowIdentity(el);
        expect(fast?.sku).toBe(full?.sku);
        if (full && fast) {
          expect(fast.mount).toBe(full.mount);
          expect(fast.shape).toBe(full.shape);
        }
      }
    });
  }
});
