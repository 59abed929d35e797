/**
 * The CSV catalog as a CatalogConnector: the seller's imported CSV lives in a store (Dexie in
 * the extension), and the sync engine talks to it exactly as to BigCommerce. Orders from a
 * marketplace are recorded in the store and take their stock, once per marketplace order id.
 */
import { Product } from '../../domain/catalog';
import { ConnectorError, type CatalogConnector, type CatalogOrderInput, type CatalogProduct } from '../types';
import { UnknownSkuError, type CatalogProductStore, type CsvOrderRecord, type StockChange } from './store';

/** Options of {@link createCsvCatalogConnector}. */
export interface CsvCatalogConnectorOptions {
  store: CatalogProductStore;
  clock: { now(): number };
  /** Warehouse used when a stock change names none (default `default`). */
  defaultWarehouse?: string;
  /** Warehouse orders take stock from; when unset, the product's warehouse with the most stock. */
  orderWarehouse?: string;
  /** Origin given to products made by "Add to catalog" (default `amazon`: they come from a listing). */
  createdOrigin?: CatalogProduct['origin'];
  /** Currency given to created products when they have a price. */
  currency?: string;
}

const CatalogProductSchema = Product.omit({ createdAt: true, updatedAt: true });

function parseOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const n = Number(cursor);
  if (!Number.isInteger(n) || n < 0) throw new ConnectorError('bad_cursor', `Not a CSV catalog cursor: ${cursor.slice(0, 40)}`, { operation: 'listProducts' });
  return n;
}

function unknownSku(error: UnknownSkuError, operation: string): ConnectorError {
  return new ConnectorError('unknown_sku', `${operation}: ${error.message}`, {
    operation,
    hint: 'These SKUs are not in the CSV catalog; import them or fix the link.',
  });
}

/** Pick the warehouse an order line takes stock from. */
function warehouseFor(product: CatalogProduct, quantity: number, opts: CsvCatalogConnectorOptions): string {
  if (opts.orderWarehouse) return opts.orderWarehouse;
  const entries = Object.entries(product.stock);
  if (entries.length === 0) return opts.defaultWarehouse ?? 'default';
  // Prefer one that covers the whole line, else the fullest.
  const covering = entries.filter(([, q]) => q >= quantity).sort((a, b) => b[1] - a[1])[0];
  return (covering ?? entries.sort((a, b) => b[1] - a[1])[0]!)[0];
}

/** Create the CSV catalog connector over a store. */
export function createCsvCatalogConnector(options: CsvCatalogConnectorOptions): CatalogConnector & { readonly kind: 'csv' } {
  const { store } = options;
  const defaultWarehouse = options.defaultWarehouse ?? 'default';
  return {
    kind: 'csv',

    async listProducts(query, signal) {
      signal?.throwIfAborted();
      const offset = parseOffset(query.cursor);
      const limit = Math.max(1, Math.min(1000, query.pageSize ?? 100));
      // One extra row tells whether another page follows.
      const rows = await store.list(offset, limit + 1);
      return { items: rows.slice(0, limit), next: rows.length > limit ? String(offset + limit) : undefined };
    },

    async createProduct(input, signal) {
      signal?.throwIfAborted();
      const sku = input.sku.trim();
      if (await store.getBySku(sku)) {
        throw new ConnectorError('duplicate_sku', `The CSV catalog already has SKU ${sku.slice(0, 80)}.`, {
          operation: 'createProduct',
          hint: 'Link the listing to the existing product instead.',
        });
      }
      const parsed = CatalogProductSchema.safeParse({
        sku,
        title: input.title,
        brand: input.brand,
        gtin: input.gtin,
        price: input.price,
        currency: input.price !== undefined ? options.currency : undefined,
        stock: {},
        extra: {},
        active: true,
        origin: options.createdOrigin ?? 'amazon',
        externalId: sku,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new ConnectorError('invalid_product', `createProduct: ${issue.path.join('.') || 'product'}: ${issue.message}`, { operation: 'createProduct' });
      }
      const product = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as CatalogProduct;
      await store.upsert([product]);
      return product;
    },

    async changeStock(changes, signal) {
      signal?.throwIfAborted();
      const list: StockChange[] = changes.map((c) => {
        if (!Number.isInteger(c.quantity) || (c.mode === 'set' && c.quantity < 0)) {
          throw new ConnectorError('invalid_quantity', `Stock for ${c.sku.slice(0, 80)} must be a whole number${c.mode === 'set' ? ' of 0 or more' : ''}.`, { operation: 'changeStock' });
        }
        return { sku: c.sku, warehouse: c.warehouse || defaultWarehouse, quantity: c.quantity, mode: c.mode };
      });
      try {
        await store.adjustStock(list);
      } catch (error) {
        if (error instanceof UnknownSkuError) throw unknownSku(error, 'changeStock');
        throw error;
      }
    },

    async findOrder(externalOrderId, signal) {
      signal?.throwIfAborted();
      const found = await store.findOrder(externalOrderId);
      return found ? { id: found.id } : undefined;
    },

    async createOrder(order: CatalogOrderInput, signal) {
      signal?.throwIfAborted();
      const existing = await store.findOrder(order.externalOrderId);
      if (existing) return { id: existing.id };
      const stock: StockChange[] = [];
      const unknownSkus: string[] = [];
      for (const line of order.lines) {
        if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
          throw new ConnectorError('invalid_order', `Order ${order.externalOrderId}: quantity of ${line.productSku.slice(0, 80)} must be a positive whole number.`, { operation: 'createOrder' });
        }
        const product = await store.getBySku(line.productSku);
        if (!product) {
          unknownSkus.push(line.productSku);
          continue;
        }
        stock.push({ sku: product.sku, warehouse: warehouseFor(product, line.quantity, options), quantity: -line.quantity, mode: 'adjust' });
      }
      const record: CsvOrderRecord = {
        id: `csv:${order.externalOrderId}`,
        externalOrderId: order.externalOrderId,
        channel: order.channel,
        createdAt: order.createdAt,
        recordedAt: options.clock.now(),
        lines: order.lines,
        shipTo: order.shipTo,
        stockTaken: stock.map(({ sku, warehouse, quantity }) => ({ sku, warehouse, quantity: -quantity })),
        unknownSkus,
      };
      try {
        await store.recordOrder(record, stock);
      } catch (error) {
        if (error instanceof UnknownSkuError) throw unknownSku(error, 'createOrder');
        throw error;
      }
      return { id: record.id };
    },

    // A CSV catalog records no shipments: tracking comes from the seller (recordShipment).
    async listShipments(_query, signal) {
      signal?.throwIfAborted();
      return { items: [] };
    },
  };
}
