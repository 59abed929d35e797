export { catalogMessages, type CatalogMessageKey } from '@/lib/i18n/messages/catalog';
