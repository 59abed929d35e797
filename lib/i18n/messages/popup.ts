import type { MessageTable } from '../core';

/** Strings of the toolbar popup. */
export const popupMessages = {
  popup_title: { en: 'Skulink', es: 'Skulink' },
  popup_loading: { en: 'Loading…', es: 'Cargando…' },
  popup_stats_heading: { en: 'Your catalog', es: 'Tu catálogo' },
  popup_products: { en: 'Products', es: 'Productos' },
  popup_listings: { en: 'Listings', es: 'Anuncios' },
  popup_linked: { en: 'Linked', es: 'Vinculados' },
  popup_unlinked: { en: 'Not linked', es: 'Sin vincular' },
  popup_linked_progress: { en: 'Listings linked to the catalog', es: 'Anuncios vinculados al catálogo' },
  popup_linked_percent: { en: '$1% of listings linked', es: '$1 % de los anuncios vinculados' },
  popup_last_import: { en: 'Last catalog import', es: 'Última importación del catálogo' },
  popup_last_import_none: { en: 'No catalog imported yet.', es: 'Aún no se ha importado ningún catálogo.' },
  popup_last_import_rows: { en: '$1 rows, $2 rejected', es: '$1 filas, $2 rechazadas' },
  popup_open_options: { en: 'Open settings', es: 'Abrir la configuración' },
  popup_connect_account: { en: 'Connect an account in Options', es: 'Conecta una cuenta en la configuración' },
  popup_error: { en: 'Could not read the catalog: $1', es: 'No se pudo leer el catálogo: $1' },
} satisfies MessageTable;
