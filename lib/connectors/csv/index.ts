/** The CSV catalog as a CatalogConnector over an abstract product store. */
export * from './connector';
export * from './store';
