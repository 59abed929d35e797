import type { MessageTable } from '../core';

/** Strings of the options page's "Sync rules" section (stock, price, orders, schedule per Amazon account). */
export const rulesMessages = {
  options_nav_sync_rules: { en: 'Sync rules', es: 'Reglas de sincronización' },
  rules_title: { en: 'Sync rules', es: 'Reglas de sincronización' },
  rules_desc: {
    en: 'How Skulink computes the stock and prices it sends to each Amazon account, which orders it imports and how often.',
    es: 'Cómo calcula Skulink el stock y los precios que envía a cada cuenta de Amazon, qué pedidos importa y con qué frecuencia.',
  },
  rules_empty: {
    en: 'No Amazon account is connected yet. Connect one to set its sync rules.',
    es: 'Aún no hay ninguna cuenta de Amazon conectada. Conecta una para definir sus reglas de sincronización.',
  },
  rules_go_accounts: { en: 'Go to Accounts', es: 'Ir a Cuentas' },
  rules_account: { en: 'Amazon account', es: 'Cuenta de Amazon' },
  rules_account_option: { en: '$1 ($2)', es: '$1 ($2)' },

  rules_stock: { en: 'Stock', es: 'Stock' },
  rules_stock_hint: {
    en: 'Inactive products always send 0. FBA listings are never given a quantity: Amazon counts their stock.',
    es: 'Los productos inactivos siempre envían 0. Los anuncios FBA nunca reciben cantidad: Amazon lleva su stock.',
  },
  rules_stock_source_catalog: { en: 'From the catalog stock', es: 'Del stock del catálogo' },
  rules_stock_source_fixed: { en: 'A fixed quantity', es: 'Una cantidad fija' },
  rules_warehouses: { en: 'Warehouses to add up', es: 'Almacenes que se suman' },
  rules_warehouses_all: { en: 'All warehouses', es: 'Todos los almacenes' },
  rules_warehouses_some: { en: 'Only these warehouses', es: 'Solo estos almacenes' },
  rules_warehouses_none: {
    en: 'No warehouse found in the catalog yet: import the catalog first.',
    es: 'Aún no hay almacenes en el catálogo: importa primero el catálogo.',
  },
  rules_warehouse_missing: { en: '$1 (not in the catalog now)', es: '$1 (ya no está en el catálogo)' },
  rules_buffer: { en: 'Keep back (buffer)', es: 'Reserva (colchón)' },
  rules_buffer_hint: {
    en: 'Units subtracted from the stock so the last ones are not sold twice.',
    es: 'Unidades que se restan del stock para no vender dos veces las últimas.',
  },
  rules_max: { en: 'Never send more than', es: 'No enviar nunca más de' },
  rules_max_hint: { en: 'Leave empty for no limit.', es: 'Déjalo vacío para no poner límite.' },
  rules_stock_fixed: { en: 'Fixed quantity', es: 'Cantidad fija' },

  rules_price: { en: 'Price', es: 'Precio' },
  rules_price_source_catalog: { en: 'The catalog price', es: 'El precio del catálogo' },
  rules_price_source_fixed: { en: 'A fixed price', es: 'Un precio fijo' },
  rules_price_source_formula: { en: 'A formula', es: 'Una fórmula' },
  rules_price_formula_hint: {
    en: 'Catalog price × currency rate × (1 + markup / 100) + fixed markup, then rounded.',
    es: 'Precio del catálogo × tipo de cambio × (1 + margen / 100) + margen fijo, y luego redondeado.',
  },
  rules_price_fixed: { en: 'Fixed price', es: 'Precio fijo' },
  rules_percent: { en: 'Markup (%)', es: 'Margen (%)' },
  rules_add: { en: 'Fixed markup', es: 'Margen fijo' },
  rules_add_hint: { en: 'Added after the percentage; may be negative.', es: 'Se suma después del porcentaje; puede ser negativo.' },
  rules_rounding: { en: 'Rounding', es: 'Redondeo' },
  rules_rounding_none: { en: 'None (to the cent)', es: 'Ninguno (al céntimo)' },
  rules_rounding_99: { en: 'End in .99', es: 'Terminar en ,99' },
  rules_rounding_95: { en: 'End in .95', es: 'Terminar en ,95' },
  rules_rounding_90: { en: 'End in .90', es: 'Terminar en ,90' },
  rules_rounding_00: { en: 'Whole units (.00)', es: 'Unidades enteras (,00)' },
  rules_rate: { en: 'Currency rate for $1 ($2)', es: 'Tipo de cambio para $1 ($2)' },
  rules_rate_hint: {
    en: 'Catalog currency to $1: 1 when the catalog prices are already in $1.',
    es: 'De la moneda del catálogo a $1: 1 si los precios del catálogo ya están en $1.',
  },
  rules_min: { en: 'Minimum price', es: 'Precio mínimo' },
  rules_min_hint: {
    en: 'Never send a price below this (a guard against formula mistakes). Leave empty for none.',
    es: 'Nunca se envía un precio por debajo de este (protege de errores en la fórmula). Déjalo vacío si no quieres mínimo.',
  },
  rules_promotion: { en: 'Use the catalog’s promotional price', es: 'Usar el precio promocional del catálogo' },
  rules_promotion_hint: {
    en: 'With dates it goes to Amazon as the sale price; without dates it replaces the price while it lasts.',
    es: 'Con fechas se envía a Amazon como precio de oferta; sin fechas sustituye al precio mientras dura.',
  },
  rules_sale_start: { en: 'Default sale start', es: 'Inicio de oferta por defecto' },
  rules_sale_end: { en: 'Default sale end', es: 'Fin de oferta por defecto' },
  rules_sale_hint: {
    en: 'Used for promotions whose product gives no dates of its own.',
    es: 'Se usan para las promociones cuyo producto no indica fechas propias.',
  },

  rules_orders: { en: 'Orders', es: 'Pedidos' },
  rules_import_fba: { en: 'Import FBA orders too', es: 'Importar también los pedidos FBA' },
  rules_import_fba_hint: {
    en: 'Orders Amazon ships from its own warehouses. Off by default.',
    es: 'Pedidos que Amazon envía desde sus propios almacenes. Desactivado por defecto.',
  },
  rules_order_warehouse: { en: 'Warehouse imported orders take stock from', es: 'Almacén del que descuentan stock los pedidos importados' },
  rules_order_warehouse_default: { en: 'Default: the first stock warehouse', es: 'Por defecto: el primer almacén de stock' },
  rules_order_warehouse_hint: {
    en: 'By default, the first warehouse the stock rule adds up, else the product’s first.',
    es: 'Por defecto, el primer almacén que suma la regla de stock o, si no, el primero del producto.',
  },
  rules_channel_name: { en: 'Channel name on catalog orders', es: 'Nombre del canal en los pedidos del catálogo' },

  rules_schedule: { en: 'Schedule', es: 'Programación' },
  rules_offers_every: { en: 'Send stock and prices every (minutes)', es: 'Enviar stock y precios cada (minutos)' },
  rules_orders_every: { en: 'Download orders every (minutes)', es: 'Descargar pedidos cada (minutos)' },
  rules_nightly_hour: { en: 'Nightly hour (0–23)', es: 'Hora nocturna (0–23)' },
  rules_nightly_hour_hint: {
    en: 'Local time of the nightly orders pass and the daily catalog and listings download.',
    es: 'Hora local de la revisión nocturna de pedidos y de la descarga diaria del catálogo y los anuncios.',
  },

  rules_preview: { en: 'Preview', es: 'Vista previa' },
  rules_preview_example: {
    en: 'A product priced 10.00 with 12 units in the warehouse “$1”, sold by you (not FBA):',
    es: 'Un producto de 10,00 con 12 unidades en el almacén «$1», enviado por ti (no FBA):',
  },
  rules_preview_line: { en: '$1: Amazon gets price $2 and quantity $3', es: '$1: Amazon recibe precio $2 y cantidad $3' },
  rules_preview_no_price: { en: 'none (nothing sent)', es: 'ninguno (no se envía)' },
  rules_preview_invalid: { en: 'Fix the marked fields to see the preview.', es: 'Corrige los campos marcados para ver la vista previa.' },

  rules_save: { en: 'Save rules', es: 'Guardar reglas' },
  rules_saved: { en: 'Sync rules saved; the schedule is updated.', es: 'Reglas de sincronización guardadas; la programación está al día.' },
  rules_saved_no_reschedule: {
    en: 'Sync rules saved. The new schedule applies once the background restarts ($1).',
    es: 'Reglas de sincronización guardadas. La nueva programación se aplicará cuando se reinicie el proceso en segundo plano ($1).',
  },
  rules_invalid: { en: 'Some fields need fixing; nothing was saved.', es: 'Hay campos que corregir; no se ha guardado nada.' },

  rules_err_number: { en: 'Enter a number.', es: 'Escribe un número.' },
  rules_err_whole: { en: 'Enter a whole number.', es: 'Escribe un número entero.' },
  rules_err_min: { en: 'Must be at least $1.', es: 'Debe ser como mínimo $1.' },
  rules_err_above: { en: 'Must be more than $1.', es: 'Debe ser mayor que $1.' },
  rules_err_max: { en: 'Must be at most $1.', es: 'Debe ser como máximo $1.' },
  rules_err_invalid: { en: 'This value is not valid.', es: 'Este valor no es válido.' },
  rules_err_required: { en: 'Required.', es: 'Obligatorio.' },
  rules_err_too_long: { en: 'At most $1 characters.', es: 'Como máximo $1 caracteres.' },
  rules_err_warehouses: { en: 'Pick at least one warehouse.', es: 'Elige al menos un almacén.' },
  rules_err_sale_end: { en: 'The sale must end on or after its start.', es: 'La oferta debe terminar el mismo día que empieza o después.' },
} satisfies MessageTable;
