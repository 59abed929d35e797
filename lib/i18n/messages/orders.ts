import type { MessageTable } from '../core';

/** Strings of the orders overlay on Seller Central's order list and order detail pages. */
export const ordersMessages = {
  orders_loading: { en: 'Skulink…', es: 'Skulink…' },
  orders_imported: { en: 'Imported ✓', es: 'Importado ✓' },
  orders_imported_as: { en: 'Imported ✓ $1', es: 'Importado ✓ $1' },
  orders_error: { en: 'Error: $1', es: 'Error: $1' },
  orders_error_unknown: { en: 'Error', es: 'Error' },
  orders_pending: { en: 'Waiting to import', es: 'Pendiente de importar' },
  orders_pending_reason: { en: 'Waiting: $1', es: 'En espera: $1' },
  orders_cancelled: { en: 'Cancelled', es: 'Cancelado' },
  orders_cancel_in_catalog: { en: 'Cancelled: cancel $1 in the catalog too', es: 'Cancelado: cancela también $1 en el catálogo' },
  orders_deleted: { en: 'Deleted', es: 'Eliminado' },
  orders_not_yet: { en: 'Not yet imported', es: 'Aún no importado' },
  orders_status_failed: { en: 'Skulink could not get this order’s status: $1', es: 'Skulink no pudo obtener el estado de este pedido: $1' },
  orders_status_label: { en: 'Skulink status of order $1', es: 'Estado en Skulink del pedido $1' },
  orders_link_sku: { en: 'Link $1', es: 'Vincular $1' },
  orders_item_linked: { en: '$1 → $2', es: '$1 → $2' },
  orders_item_linked_title: { en: 'SKU $1 is linked to catalog product $2: $3', es: 'El SKU $1 está vinculado al producto del catálogo $2: $3' },
} satisfies MessageTable;
