export * from './schema';
export * from './describe';
export * from './hosts';
export * from './store';
export * from './draft';
