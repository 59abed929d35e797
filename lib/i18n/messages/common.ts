import type { MessageTable } from '../core';

/** Manifest and shared strings. */
export const commonMessages = {
  extName: { en: 'Skulink', es: 'Skulink', description: 'Extension name' },
  extDescription: {
    en: 'Link your Amazon listings to your catalog, right on Seller Central.',
    es: 'Vincula tus anuncios de Amazon con tu catálogo, directamente en Seller Central.',
  },
  common_close: { en: 'Close', es: 'Cerrar' },
  common_cancel: { en: 'Cancel', es: 'Cancelar' },
  common_confirm: { en: 'Confirm', es: 'Confirmar' },
  common_error: { en: 'Error: $1', es: 'Error: $1' },
} satisfies MessageTable;
