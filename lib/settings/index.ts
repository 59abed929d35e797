export * from './setting';
export * from './sku-rules';
export * from './language';
