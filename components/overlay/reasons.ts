import { t, type MessageKey } from '@/lib/i18n';
import type { ReasonView } from '@/lib/messaging/protocol';

/** A suggestion's reason in the seller's language; unknown codes fall back to the engine's English text. */
export function reasonText(r: ReasonView): string {
  const p = r.params ?? {};
  const key = `overlay_reason_${r.code.replace(/-/g, '_')}` as MessageKey;
  const unit = p.unit ? ` ${p.unit}` : '';
  const args: Record<string, (string | number)[]> = {
    'model-both': [p.model ?? ''],
    'model-differs': [p.listing ?? '', p.product ?? ''],
    'year-differs': [p.listing ?? '', p.product ?? ''],
    'edition-differs': [p.listing ?? '', p.product ?? ''],
    'colour-differs': [p.listing ?? '', p.product ?? ''],
    'number-differs': [p.listing ?? '', p.product ?? ''],
    'size-differs': [`${p.listing ?? ''}${unit}`, `${p.product ?? ''}${unit}`],
    'brand-same': [p.brand ?? ''],
    'brand-differs': [p.listing ?? '', p.product ?? ''],
    'price-apart': [p.ratio ?? ''],
    'title-similar': [p.percent ?? ''],
    'description-names': [p.percent ?? ''],
    'catalog-twin': [p.count ?? ''],
    'linked-to-other': [p.listing ?? ''],
    'linked-same-item': [p.listing ?? ''],
  };
  const text = t(key, args[r.code] ?? []);
  return text === key ? r.text : text;
}
