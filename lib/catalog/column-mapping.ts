/**
 * Which CSV column holds which product field: the schema, a guess from the header names
 * (en/es/it/pt/fr/de/hu) and the checks the mapping editor shows.
 */
import { z } from 'zod';

/** Product fields a single column can hold. */
export const FieldRole = z.enum(['sku', 'title', 'brand', 'gtin', 'price', 'currency', 'mpn', 'asin', 'active']);
export type FieldRole = z.infer<typeof FieldRole>;

/** What a column is used for in the mapping editor: a field, stock of a warehouse, an extra, or nothing. */
export const ColumnRole = z.union([FieldRole, z.enum(['stock', 'extra', 'ignore'])]);
export type ColumnRole = z.infer<typeof ColumnRole>;

const ColumnIndex = z.number().int().nonnegative();

/**
 * Mapping of CSV columns (0-based indexes: header names can repeat) to product fields.
 * `stock` lists the columns holding stock, one warehouse each; `extra` the columns kept as text
 * in `Product.extra` under `name`. `decimal` says how prices are written (`auto` detects per value).
 * `currency` is the ISO code used for prices that carry no currency of their own.
 */
export const ColumnMapping = z.object({
  sku: ColumnIndex.optional(),
  title: ColumnIndex.optional(),
  brand: ColumnIndex.optional(),
  gtin: ColumnIndex.optional(),
  price: ColumnIndex.optional(),
  currency: ColumnIndex.optional(),
  mpn: ColumnIndex.optional(),
  asin: ColumnIndex.optional(),
  active: ColumnIndex.optional(),
  stock: z.array(z.object({ column: ColumnIndex, warehouse: z.string() })),
  extra: z.array(z.object({ column: ColumnIndex, name: z.string() })),
  decimal: z.enum(['auto', '.', ',']),
  defaultCurrency: z.string().regex(/^[A-Z]{3}$/).optional(),
});
export type ColumnMapping = z.infer<typeof ColumnMapping>;

/** The role of one column with its warehouse or extra name: the mapping editor's row. */
export interface ColumnAssignment {
  role: ColumnRole;
  /** Warehouse name for `stock`, key for `extra`. */
  name?: string;
}

/** Problems with a mapping, as codes the UI translates. */
export type MappingProblem =
  | { code: 'sku-required' }
  | { code: 'title-required' }
  | { code: 'warehouse-name-empty'; column: number }
  | { code: 'warehouse-duplicate'; column: number; name: string }
  | { code: 'extra-name-empty'; column: number }
  | { code: 'extra-duplicate'; column: number; name: string }
  | { code: 'column-out-of-range'; column: number };

/** Strip accents, lower-case, and turn separators into single spaces: "Código (EAN)" -> "codigo ean". */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Header words per field, normalized (see normalizeHeader). Whole-header matches. */
const EXACT: Record<FieldRole, string[]> = {
  gtin: [
    'ean', 'ean13', 'ean 13', 'ean8', 'upc', 'upc a', 'gtin', 'gtin13', 'gtin 13', 'gtin14', 'gtin 14', 'barcode', 'bar code',
    'isbn', 'isbn13', 'isbn 13', 'isbn10', 'jan', 'ean upc', 'upc ean', 'codigo de barras', 'cod barras',
    'codice a barre', 'codigo de barra', 'code barre', 'code barres', 'code ean', 'codigo ean', 'codice ean', 'strichcode',
    'vonalkod', 'ean kod', 'ean kód',
  ],
  asin: ['asin', 'amazon asin', 'asin1'],
  mpn: [
    'mpn', 'manufacturer part number', 'part number', 'manufacturer sku', 'referencia fabricante', 'ref fabricante',
    'codice produttore', 'reference fabricant', 'ref fabricant', 'herstellernummer', 'hersteller artikelnummer',
    'gyartoi cikkszam', 'part no', 'codigo fabricante',
  ],
  sku: [
    'sku', 'skus', 'seller sku', 'item sku', 'merchant sku', 'sku code', 'product sku', 'variant sku', 'article number',
    'item number', 'item code', 'product code', 'referencia', 'ref', 'referencia interna', 'codigo', 'cod', 'codigo articulo',
    'codigo producto', 'codigo del producto', 'codigo sku', 'codice', 'codice articolo', 'cod articolo', 'codice prodotto',
    'codigo produto', 'referencia produto', 'reference', 'ref article', 'code article', 'code produit', 'reference produit',
    'artikelnummer', 'artikel nr', 'art nr', 'artnr', 'cikkszam', 'termekkod', 'cikk szam',
  ],
  title: [
    'title', 'name', 'product name', 'item name', 'product title', 'item title', 'nombre', 'nombre producto',
    'nombre del producto', 'titulo', 'producto', 'descripcion corta', 'titolo', 'nome', 'nome prodotto', 'prodotto',
    'nome produto', 'produto', 'titre', 'nom', 'nom du produit', 'produit', 'designation', 'libelle', 'bezeichnung',
    'produktname', 'artikelbezeichnung', 'titel', 'megnevezes', 'nev', 'termeknev', 'termek neve', 'termek',
  ],
  brand: ['brand', 'brand name', 'marca', 'marque', 'marka', 'marke', 'manufacturer', 'fabricante', 'produttore', 'fabricant', 'hersteller', 'gyarto'],
  price: [
    'price', 'sale price', 'selling price', 'unit price', 'retail price', 'precio', 'precio venta', 'precio de venta', 'pvp',
    'prezzo', 'prezzo vendita', 'prezzo di vendita', 'preco', 'preco venda', 'preco de venda', 'prix', 'prix de vente',
    'prix ttc', 'preis', 'verkaufspreis', 'ar', 'eladasi ar', 'brutto ar', 'egysegar',
  ],
  currency: ['currency', 'moneda', 'divisa', 'valuta', 'moeda', 'devise', 'wahrung', 'waehrung', 'penznem', 'currency code'],
  active: ['active', 'enabled', 'status', 'activo', 'activa', 'estado', 'attivo', 'stato', 'ativo', 'actif', 'statut', 'aktiv', 'aktiv status', 'allapot'],
};

/** Words that make a header a stock column; what is left of the header names the warehouse. */
const STOCK_WORDS = new Set([
  'stock', 'stocks', 'qty', 'quantity', 'inventory', 'available', 'on hand', 'onhand', 'existencias', 'existencia', 'cantidad',
  'inventario', 'disponible', 'giacenza', 'giacenze', 'quantita', 'disponibilita', 'estoque', 'quantidade', 'quantite',
  'bestand', 'lagerbestand', 'menge', 'keszlet', 'mennyiseg', 'stock disponible', 'qty available', 'available qty',
  'quantity available', 'disponibile',
]);

/** Words between a stock word and the warehouse name that carry no meaning ("Stock almacén Madrid"). */
const WAREHOUSE_FILLER = new Set(['in', 'at', 'en', 'a', 'di', 'de', 'du', 'em', 'no', 'na', 'warehouse', 'almacen', 'magazzino', 'armazem', 'entrepot', 'lager', 'raktar']);

const PRICE_CURRENCY: [RegExp, string][] = [
  [/€|\beur\b|\beuro?s?\b/i, 'EUR'],
  [/£|\bgbp\b/i, 'GBP'],
  [/\busd\b|us\$/i, 'USD'],
  [/\bhuf\b|\bft\b/i, 'HUF'],
  [/\bpln\b|zł/i, 'PLN'],
  [/\bsek\b/i, 'SEK'],
  [/\bbrl\b|r\$/i, 'BRL'],
  [/\bmxn\b/i, 'MXN'],
  [/\bcad\b/i, 'CAD'],
  [/\bjpy\b|¥/i, 'JPY'],
];

/** The ISO currency a header or price cell names ("Precio (€)", "Price USD"), if any. */
export function currencyIn(text: string): string | undefined {
  for (const [re, code] of PRICE_CURRENCY) if (re.test(text)) return code;
  return undefined;
}

function tokens(original: string): string[] {
  return original.split(/[\s_\-()[\]:/.|,;#]+/).filter(Boolean);
}

/** Warehouse name of a stock header ("stock_madrid" -> "madrid", "Stock (Madrid)" -> "Madrid"), or undefined when not a stock header. */
export function stockWarehouse(header: string): string | undefined {
  const orig = tokens(header);
  const norm = orig.map(normalizeHeader);
  const n = norm.length;
  if (n === 0) return undefined;
  for (const words of [2, 1]) {
    if (n < words) continue;
    // "Stock Madrid", "qty_available_madrid"
    if (STOCK_WORDS.has(norm.slice(0, words).join(' '))) return warehouseFrom(orig.slice(words), norm.slice(words));
    // "Madrid stock"
    if (STOCK_WORDS.has(norm.slice(n - words).join(' '))) return warehouseFrom(orig.slice(0, n - words), norm.slice(0, n - words));
  }
  return undefined;
}

function warehouseFrom(orig: string[], norm: string[]): string {
  let start = 0;
  while (start < norm.length && WAREHOUSE_FILLER.has(norm[start] ?? '')) start++;
  // Keep filler if it was the whole name ("Stock Lager" is the warehouse "Lager").
  const name = (start < orig.length ? orig.slice(start) : orig).join(' ').trim();
  return name || DEFAULT_WAREHOUSE;
}

/** Warehouse name used for a stock column that names none ("Stock", "Qty"). */
export const DEFAULT_WAREHOUSE = 'default';

const EXACT_LOOKUP: Map<string, FieldRole> = (() => {
  const m = new Map<string, FieldRole>();
  // Order matters where a word could mean two things: identifiers before names.
  for (const role of ['gtin', 'asin', 'mpn', 'sku', 'title', 'brand', 'price', 'currency', 'active'] as FieldRole[]) {
    for (const w of EXACT[role]) if (!m.has(w)) m.set(w, role);
  }
  return m;
})();

/** Looser rules for headers that are not in the word lists ("EAN-13 code", "Precio (EUR)"). */
function looseRole(norm: string): FieldRole | undefined {
  const t = norm.split(' ');
  const has = (...w: string[]): boolean => w.some((x) => t.includes(x));
  if (has('ean', 'ean13', 'upc', 'gtin', 'gtin13', 'gtin14', 'barcode', 'isbn', 'isbn13') || norm.includes('barras') || norm.includes('barre')) return 'gtin';
  if (has('asin')) return 'asin';
  if (has('mpn')) return 'mpn';
  if (has('sku')) return 'sku';
  if (has('price', 'precio', 'prezzo', 'preco', 'prix', 'preis', 'pvp', 'ar')) return 'price';
  if (has('title', 'titulo', 'titolo', 'titre', 'megnevezes')) return 'title';
  if (has('brand', 'marca', 'marque', 'marke', 'marka')) return 'brand';
  return undefined;
}

/** The field a header names, or undefined. Exposed for the mapping editor's hints and tests. */
export function guessRole(header: string): ColumnAssignment | undefined {
  const norm = normalizeHeader(header);
  if (!norm) return undefined;
  const exact = EXACT_LOOKUP.get(norm);
  if (exact) return { role: exact };
  const wh = stockWarehouse(header);
  if (wh !== undefined) return { role: 'stock', name: wh };
  const loose = looseRole(norm);
  return loose ? { role: loose } : undefined;
}

/**
 * Guess a mapping from the header row: known names (en/es/it/pt/fr/de/hu) become fields, stock
 * headers become warehouses ("stock_madrid", "Stock (Madrid)", "Existencias Sevilla"), unknown
 * non-empty headers become extras (kept as text, so nothing is lost), empty headers are ignored.
 * The first column for a field wins; a second one becomes an extra. `samples` (first data rows)
 * let it guess the decimal separator of prices.
 */
export function guessMapping(headers: string[], samples: readonly (readonly string[])[] = []): ColumnMapping {
  const mapping: ColumnMapping = { stock: [], extra: [], decimal: 'auto' };
  const usedWarehouses = new Set<string>();
  headers.forEach((header, column) => {
    const guess = guessRole(header);
    if (guess && guess.role !== 'stock' && guess.role !== 'extra' && guess.role !== 'ignore') {
      if (mapping[guess.role] === undefined) {
        mapping[guess.role] = column;
        if (guess.role === 'price') mapping.defaultCurrency ??= currencyIn(header);
        return;
      }
    } else if (guess?.role === 'stock') {
      let name = guess.name ?? DEFAULT_WAREHOUSE;
      for (let i = 2; usedWarehouses.has(name.toLowerCase()); i++) name = `${guess.name ?? DEFAULT_WAREHOUSE} ${i}`;
      usedWarehouses.add(name.toLowerCase());
      mapping.stock.push({ column, warehouse: name });
      return;
    }
    const base = header.trim();
    if (!base) return;
    let name = base;
    for (let i = 2; mapping.extra.some((e) => e.name === name); i++) name = `${base} ${i}`;
    mapping.extra.push({ column, name });
  });
  if (mapping.price !== undefined) {
    const values = samples.map((r) => r[mapping.price as number] ?? '').filter(Boolean);
    mapping.decimal = guessDecimal(values);
  }
  return mapping;
}

/**
 * The decimal separator a set of price texts uses: `,` when some value can only be read with a
 * decimal comma ("12,50", "1.234,56"), `.` when some can only be read with a point, else `auto`.
 */
export function guessDecimal(values: readonly string[]): ColumnMapping['decimal'] {
  let comma = 0;
  let point = 0;
  for (const v of values) {
    const s = v.replace(/[^\d.,]/g, '');
    const lastComma = s.lastIndexOf(',');
    const lastPoint = s.lastIndexOf('.');
    if (lastComma >= 0 && lastPoint >= 0) {
      if (lastComma > lastPoint) comma++;
      else point++;
    } else if (lastComma >= 0 && s.length - lastComma - 1 !== 3) comma++;
    else if (lastPoint >= 0 && s.length - lastPoint - 1 !== 3) point++;
  }
  if (comma > point) return ',';
  if (point > comma) return '.';
  return 'auto';
}

/** Per-column view of a mapping (one assignment per header), for the mapping editor. */
export function mappingToAssignments(mapping: ColumnMapping, columnCount: number): ColumnAssignment[] {
  const out: ColumnAssignment[] = Array.from({ length: columnCount }, () => ({ role: 'ignore' as ColumnRole }));
  for (const role of FieldRole.options) {
    const c = mapping[role];
    if (c !== undefined && c < columnCount) out[c] = { role };
  }
  for (const s of mapping.stock) if (s.column < columnCount) out[s.column] = { role: 'stock', name: s.warehouse };
  for (const e of mapping.extra) if (e.column < columnCount) out[e.column] = { role: 'extra', name: e.name };
  return out;
}

/**
 * Mapping from per-column assignments. A field chosen for two columns keeps the first; the
 * editor prevents that by clearing the other column.
 */
export function assignmentsToMapping(
  assignments: readonly ColumnAssignment[],
  options: Pick<ColumnMapping, 'decimal' | 'defaultCurrency'> = { decimal: 'auto' },
): ColumnMapping {
  const mapping: ColumnMapping = { stock: [], extra: [], decimal: options.decimal, defaultCurrency: options.defaultCurrency };
  if (mapping.defaultCurrency === undefined) delete mapping.defaultCurrency;
  assignments.forEach((a, column) => {
    if (a.role === 'stock') mapping.stock.push({ column, warehouse: (a.name ?? '').trim() });
    else if (a.role === 'extra') mapping.extra.push({ column, name: (a.name ?? '').trim() });
    else if (a.role !== 'ignore' && mapping[a.role] === undefined) mapping[a.role] = column;
  });
  return mapping;
}

/**
 * Check a mapping before importing: SKU and title are required; every stock column needs a
 * warehouse name, unique among stock columns; every extra needs a unique name; columns must exist.
 */
export function validateMapping(mapping: ColumnMapping, columnCount: number): MappingProblem[] {
  const problems: MappingProblem[] = [];
  if (mapping.sku === undefined) problems.push({ code: 'sku-required' });
  if (mapping.title === undefined) problems.push({ code: 'title-required' });
  for (const role of FieldRole.options) {
    const c = mapping[role];
    if (c !== undefined && c >= columnCount) problems.push({ code: 'column-out-of-range', column: c });
  }
  const seen = new Set<string>();
  for (const s of mapping.stock) {
    if (s.column >= columnCount) problems.push({ code: 'column-out-of-range', column: s.column });
    const name = s.warehouse.trim();
    if (!name) problems.push({ code: 'warehouse-name-empty', column: s.column });
    else if (seen.has(name.toLowerCase())) problems.push({ code: 'warehouse-duplicate', column: s.column, name });
    seen.add(name.toLowerCase());
  }
  const extras = new Set<string>();
  for (const e of mapping.extra) {
    if (e.column >= columnCount) problems.push({ code: 'column-out-of-range', column: e.column });
    const name = e.name.trim();
    if (!name) problems.push({ code: 'extra-name-empty', column: e.column });
    else if (extras.has(name)) problems.push({ code: 'extra-duplicate', column: e.column, name });
    extras.add(name);
  }
  return problems;
}
