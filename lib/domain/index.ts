export * from './catalog';
export * from './listing';
export * from './link';
export * from './marketplaces';
