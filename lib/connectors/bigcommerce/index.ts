/** BigCommerce catalog connector (Catalog v3, Inventory v3, Orders v2). */
export * from './connector';
export * from './mapping';
export * from './schemas';
