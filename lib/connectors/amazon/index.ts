/** The Amazon SP-API connector: LWA auth, endpoints, listings, feeds, reports, orders. */
export * from './endpoints';
export * from './lwa';
export * from './schemas';
export * from './report';
export * from './feed';
export * from './connector';
