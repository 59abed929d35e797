/**
 * Plain explanations of the codes sellers meet (Amazon listing issues, HTTP/LWA errors and the
 * engine's own order and feed reasons): a title, what it means and what to do, per language.
 * Why one table: the logger writes the text in the seller's language at the moment of failure,
 * and the popup/overlay can re-explain a stored code later. English and Spanish are complete;
 * it/pt/fr/de/hu can be added per code and fall back to English until then.
 * Sources: ../shared/docs/AMAZON-FACTS.md.
 */
import type { Language } from './schemas';

/** One explanation in one language. `{name}` placeholders are filled from the log's params. */
export interface ExplanationText {
  title: string;
  explanation: string;
  fix: string;
}

/** An explanation in every language we have; en and es are required. */
export type Explanation = { en: ExplanationText; es: ExplanationText } & Partial<Record<Exclude<Language, 'en' | 'es'>, ExplanationText>>;

const t = (title: string, explanation: string, fix: string): ExplanationText => ({ title, explanation, fix });

/** The table: code → explanation. Codes are as the API gives them, or ours (snake_case). */
export const EXPLANATIONS: Readonly<Record<string, Explanation>> = {
  '90220': {
    en: t('Required attribute missing', "Amazon needs the attribute '{attribute}' for this product type and it was not sent.", 'Add the attribute in the catalog (or in Seller Central) and sync again.'),
    es: t('Falta un atributo obligatorio', "Amazon necesita el atributo '{attribute}' para este tipo de producto y no se ha enviado.", 'Añade el atributo en el catálogo (o en Seller Central) y vuelve a sincronizar.'),
  },
  '99022': {
    en: t('Attribute incomplete', "The attribute '{attribute}' does not have enough values.", 'Fill in every value the attribute needs (for example all bullet points or both dimensions) and sync again.'),
    es: t('Atributo incompleto', "El atributo '{attribute}' no tiene suficientes valores.", 'Completa todos los valores que pide el atributo (por ejemplo todas las viñetas o ambas dimensiones) y vuelve a sincronizar.'),
  },
  '8541': {
    en: t('Data conflicts with the existing ASIN', 'The product id matched an existing ASIN whose title, brand or other data differ from what was sent.', 'Check the EAN/UPC: if it is right, align your data with the ASIN; if not, correct the product id.'),
    es: t('Los datos no coinciden con el ASIN existente', 'El identificador de producto coincide con un ASIN cuyo título, marca u otros datos difieren de lo enviado.', 'Revisa el EAN/UPC: si es correcto, ajusta tus datos al ASIN; si no, corrige el identificador.'),
  },
  '8560': {
    en: t('Mandatory data missing or product id unknown', 'Some mandatory data is missing, or the product id matches no ASIN in Amazon’s catalog.', 'Send the missing data, or create the product with full attributes (it is not in Amazon’s catalog yet).'),
    es: t('Faltan datos obligatorios o el identificador no existe', 'Faltan datos obligatorios o el identificador de producto no coincide con ningún ASIN del catálogo de Amazon.', 'Envía los datos que faltan o crea el producto con todos sus atributos (aún no está en el catálogo de Amazon).'),
  },
  '8572': {
    en: t('GTIN does not match the brand', 'GS1’s records show this GTIN belongs to another brand than the one sent.', 'Use the GTIN your company licensed from GS1, or apply for a GTIN exemption for the brand.'),
    es: t('El GTIN no corresponde a la marca', 'Según GS1, este GTIN pertenece a una marca distinta de la enviada.', 'Usa el GTIN que tu empresa tiene licenciado en GS1 o solicita una exención de GTIN para la marca.'),
  },
  '5665': {
    en: t('Brand not approved', 'The brand name is not approved for your account (Brand Registry).', 'Use the brand exactly as registered, or ask the brand owner for authorization in Seller Central.'),
    es: t('Marca no aprobada', 'El nombre de marca no está aprobado para tu cuenta (Registro de Marcas).', 'Usa la marca exactamente como está registrada o pide autorización al propietario en Seller Central.'),
  },
  '5461': {
    en: t('Product ids do not match the brand', 'The product ids sent do not belong to the brand given.', 'Check the brand and the EAN/UPC of the product in the catalog.'),
    es: t('Los identificadores no corresponden a la marca', 'Los identificadores enviados no pertenecen a la marca indicada.', 'Revisa la marca y el EAN/UPC del producto en el catálogo.'),
  },
  '6024': {
    en: t('Approval needed for this brand', 'Your account is not approved to sell this brand.', 'Request approval for the brand in Seller Central (Add a product → Request approval).'),
    es: t('Se necesita aprobación para esta marca', 'Tu cuenta no está aprobada para vender esta marca.', 'Solicita la aprobación de la marca en Seller Central (Añadir un producto → Solicitar aprobación).'),
  },
  '8026': {
    en: t('Approval needed for this category', 'Your account is not approved to sell in this category.', 'Request approval for the category in Seller Central, or list the product in another category.'),
    es: t('Se necesita aprobación para esta categoría', 'Tu cuenta no está aprobada para vender en esta categoría.', 'Solicita la aprobación de la categoría en Seller Central o publica el producto en otra categoría.'),
  },
  '8032': {
    en: t('SKU already belongs to another parent', 'This child SKU is already part of another variation family.', 'Remove it from the other family first, or use a new SKU.'),
    es: t('El SKU ya pertenece a otro padre', 'Este SKU hijo ya forma parte de otra familia de variaciones.', 'Sácalo primero de la otra familia o usa un SKU nuevo.'),
  },
  '8005': {
    en: t('Change would move the SKU to another ASIN', 'An identity attribute change (product id, brand, title...) would attach this SKU to a different ASIN.', 'Do not change identity attributes of a live SKU; create a new SKU for a different product.'),
    es: t('El cambio movería el SKU a otro ASIN', 'Un cambio en un atributo de identidad (identificador, marca, título...) asociaría este SKU a un ASIN distinto.', 'No cambies atributos de identidad de un SKU activo; crea un SKU nuevo para otro producto.'),
  },
  '5500': {
    en: t('Product id matches several ASINs', 'The product id matches more than one ASIN, so Amazon cannot tell which one you sell.', 'Send the ASIN (merchant_suggested_asin) together with the product id.'),
    es: t('El identificador coincide con varios ASIN', 'El identificador coincide con más de un ASIN y Amazon no sabe cuál vendes.', 'Envía el ASIN (merchant_suggested_asin) junto con el identificador.'),
  },
  '5501': {
    en: t('Product id matches no ASIN', 'No ASIN in Amazon’s catalog has this product id.', 'Check the EAN/UPC, or create the product with full attributes.'),
    es: t('El identificador no coincide con ningún ASIN', 'Ningún ASIN del catálogo de Amazon tiene este identificador.', 'Revisa el EAN/UPC o crea el producto con todos sus atributos.'),
  },
  '5503': {
    en: t('Product id matches a different ASIN', 'The product id points to another ASIN than the one given.', 'Correct the ASIN or the product id so both name the same product.'),
    es: t('El identificador coincide con otro ASIN', 'El identificador apunta a un ASIN distinto del indicado.', 'Corrige el ASIN o el identificador para que ambos indiquen el mismo producto.'),
  },
  externally_assigned_product_identifier: {
    en: t('Missing product id', 'Neither a GTIN (EAN/UPC) nor an ASIN was given for this product.', 'Add the EAN/UPC to the product in the catalog, or link the listing to its ASIN.'),
    es: t('Falta el identificador del producto', 'No se ha indicado ni GTIN (EAN/UPC) ni ASIN para este producto.', 'Añade el EAN/UPC al producto en el catálogo o vincula el anuncio a su ASIN.'),
  },
  merchant_suggested_asin: {
    en: t('Product not in Amazon’s catalog', 'Amazon requires merchant_suggested_asin: the product does not exist in its catalog yet.', 'Create the product in Seller Central with all required attributes, then link it.'),
    es: t('El producto no está en el catálogo de Amazon', 'Amazon pide merchant_suggested_asin: el producto aún no existe en su catálogo.', 'Crea el producto en Seller Central con todos los atributos obligatorios y después vincúlalo.'),
  },
  restricted_brand: {
    en: t('Restricted brand or category', 'The seller is not allowed to list products under this restricted brand or category.', 'Apply for approval in Seller Central (Inventory → Add a product → Show limitations).'),
    es: t('Marca o categoría restringida', 'El vendedor no puede publicar productos de esta marca o categoría restringida.', 'Solicita la aprobación en Seller Central (Inventario → Añadir un producto → Mostrar limitaciones).'),
  },
  http_429: {
    en: t('Amazon asked us to slow down', 'Too many requests were sent for this operation (HTTP 429). Skulink waits and retries by itself.', 'Nothing to do. If it keeps happening, another tool may be using the same account’s quota.'),
    es: t('Amazon pidió reducir el ritmo', 'Se enviaron demasiadas peticiones para esta operación (HTTP 429). Skulink espera y reintenta por sí solo.', 'No hace falta hacer nada. Si se repite, puede que otra herramienta use la cuota de la misma cuenta.'),
  },
  http_5xx: {
    en: t('Service temporarily unavailable', 'The service answered with a server error ({status}). The run will retry.', 'Nothing to do unless it lasts for hours; then check the service’s status page.'),
    es: t('Servicio no disponible temporalmente', 'El servicio respondió con un error de servidor ({status}). La sincronización reintentará.', 'No hace falta hacer nada salvo que dure horas; en ese caso revisa la página de estado del servicio.'),
  },
  timeout: {
    en: t('No answer in time', 'The service did not answer in time. The run will resume from where it stopped.', 'Nothing to do; check your connection if it keeps happening.'),
    es: t('Sin respuesta a tiempo', 'El servicio no respondió a tiempo. La sincronización seguirá desde donde se quedó.', 'No hace falta hacer nada; revisa tu conexión si se repite.'),
  },
  invalid_grant: {
    en: t('Amazon access expired or was revoked', 'The authorization to your Amazon account is no longer valid (invalid_grant).', 'Authorize Skulink again from the options page (Accounts → Reconnect).'),
    es: t('El acceso a Amazon caducó o se revocó', 'La autorización de tu cuenta de Amazon ya no es válida (invalid_grant).', 'Vuelve a autorizar Skulink desde la página de opciones (Cuentas → Reconectar).'),
  },
  reauthorization_due: {
    en: t('Amazon authorization ends soon', 'Amazon requires a new authorization every year; this one ends in {days} days.', 'Authorize Skulink again from the options page before it ends.'),
    es: t('La autorización de Amazon caduca pronto', 'Amazon exige una nueva autorización cada año; esta caduca en {days} días.', 'Vuelve a autorizar Skulink desde la página de opciones antes de que caduque.'),
  },
  sku_not_linked: {
    en: t('SKU not linked', "The order contains SKU '{sku}', which is not linked to a catalog product.", 'Link the listing to its product; the order is imported automatically at the next run.'),
    es: t('SKU sin vincular', "El pedido contiene el SKU '{sku}', que no está vinculado a ningún producto del catálogo.", 'Vincula el anuncio con su producto; el pedido se importará solo en la siguiente sincronización.'),
  },
  product_missing: {
    en: t('Linked product not found', "SKU '{sku}' is linked to '{productSku}', which is not in the catalog any more.", 'Link the listing to an existing product; the order is imported automatically at the next run.'),
    es: t('No se encuentra el producto vinculado', "El SKU '{sku}' está vinculado a '{productSku}', que ya no está en el catálogo.", 'Vincula el anuncio a un producto existente; el pedido se importará solo en la siguiente sincronización.'),
  },
  insufficient_stock: {
    en: t('Not enough stock', "Product '{productSku}' has {available} in warehouse '{warehouse}', the order needs {needed}.", 'Add stock or choose another warehouse for orders; the order is imported automatically at the next run.'),
    es: t('Stock insuficiente', "El producto '{productSku}' tiene {available} en el almacén '{warehouse}' y el pedido necesita {needed}.", 'Añade stock o elige otro almacén para pedidos; el pedido se importará solo en la siguiente sincronización.'),
  },
  order_create_failed: {
    en: t('The catalog system refused the order', 'Creating the order failed: {message}', 'Check the message; the order is retried automatically at the next run.'),
    es: t('El sistema de catálogo rechazó el pedido', 'No se pudo crear el pedido: {message}', 'Revisa el mensaje; el pedido se reintentará solo en la siguiente sincronización.'),
  },
  cancel_in_catalog: {
    en: t('Cancelled on Amazon after import', 'The buyer or Amazon cancelled this order after it was imported as {catalogOrderId}.', 'Cancel order {catalogOrderId} in the catalog system too, so its stock is given back.'),
    es: t('Cancelado en Amazon después de importarlo', 'El comprador o Amazon canceló este pedido después de importarlo como {catalogOrderId}.', 'Cancela también el pedido {catalogOrderId} en el sistema de catálogo para que se devuelva el stock.'),
  },
  cancelled_on_amazon: {
    en: t('Cancelled on Amazon', 'The order was cancelled on Amazon before it was imported; nothing was created in the catalog system.', 'Nothing to do. You can remove it from view.'),
    es: t('Cancelado en Amazon', 'El pedido se canceló en Amazon antes de importarlo; no se creó nada en el sistema de catálogo.', 'No hace falta hacer nada. Puedes quitarlo de la vista.'),
  },
  awaiting_payment: {
    en: t('Waiting for Amazon', 'Amazon has not confirmed the payment yet (Pending); the order is imported once it is.', 'Nothing to do.'),
    es: t('Esperando a Amazon', 'Amazon aún no ha confirmado el pago (Pendiente); el pedido se importará cuando lo haga.', 'No hace falta hacer nada.'),
  },
  feed_rejected: {
    en: t('Feed rejected', 'Amazon rejected the whole price/stock feed: {message}', 'The changes are sent again at the next run; if it repeats, contact support with this message.'),
    es: t('Feed rechazado', 'Amazon rechazó todo el feed de precio/stock: {message}', 'Los cambios se reenviarán en la siguiente sincronización; si se repite, contacta con soporte con este mensaje.'),
  },
  offer_error: {
    en: t('Update not applied', 'The price/stock update for this listing was not applied: {message}', 'It is retried at the next run; check the listing in Seller Central if it repeats.'),
    es: t('Actualización no aplicada', 'La actualización de precio/stock de este anuncio no se aplicó: {message}', 'Se reintentará en la siguiente sincronización; revisa el anuncio en Seller Central si se repite.'),
  },
  shipment_failed: {
    en: t('Tracking not confirmed', 'Amazon did not accept the tracking for this order: {message}', 'Check the carrier and tracking number; it is retried at the next run.'),
    es: t('Seguimiento no confirmado', 'Amazon no aceptó el seguimiento de este pedido: {message}', 'Revisa el transportista y el número de seguimiento; se reintentará en la siguiente sincronización.'),
  },
  unknown: {
    en: t('Unexpected error', '{message}', 'Try again later; if it repeats, send this log to support.'),
    es: t('Error inesperado', '{message}', 'Inténtalo más tarde; si se repite, envía este registro a soporte.'),
  },
};

/** Patterns in API messages that name a code the API did not put in `code` (e.g. restricted brand). */
const MESSAGE_PATTERNS: readonly [RegExp, string][] = [
  [/merchant_suggested_asin/i, 'merchant_suggested_asin'],
  [/externally_assigned_product_identifier/i, 'externally_assigned_product_identifier'],
  [/restricted (brand|category)|not allowed to list/i, 'restricted_brand'],
  [/invalid_grant/i, 'invalid_grant'],
];

/** The table key for an API code and message: the code itself, a pattern in the message, http_5xx, or unknown. */
export function explanationKey(code: string, message = ''): string {
  if (EXPLANATIONS[code]) return code;
  for (const [re, key] of MESSAGE_PATTERNS) if (re.test(message) || re.test(code)) return key;
  if (/^http_5\d\d$/.test(code)) return 'http_5xx';
  return 'unknown';
}

function fill(text: string, params: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m);
}

/**
 * Explain a code in the seller's language (falling back to English), with placeholders filled.
 * `message` (the API's own text) is available as `{message}` and used to recognise codes.
 */
export function explain(code: string, language: Language, params: Readonly<Record<string, string>> = {}, message = ''): ExplanationText {
  const entry = EXPLANATIONS[explanationKey(code, message)]!;
  const text = entry[language] ?? entry.en;
  const all = { message, ...params };
  return { title: fill(text.title, all), explanation: fill(text.explanation, all), fix: fill(text.fix, all) };
}
