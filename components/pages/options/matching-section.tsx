import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Checkbox, Field, TextArea, TextInput } from '@/components/ui';
import type { SkulinkDexie } from '@/lib/db/db';
import { t } from '@/lib/i18n';
import { normalizeSku, readSetting, SkuRules, skuRulesSetting, splitList, writeSetting } from '@/lib/settings';

type Status = { tone: 'success' | 'danger'; text: string } | undefined;

function RulesForm({ db, stored }: { db: SkulinkDexie; stored: SkuRules }) {
  const [prefixes, setPrefixes] = useState(stored.stripPrefixes.join('\n'));
  const [suffixes, setSuffixes] = useState(stored.stripSuffixes.join('\n'));
  const [caseInsensitive, setCaseInsensitive] = useState(stored.caseInsensitive);
  const [sample, setSample] = useState('');
  const [status, setStatus] = useState<Status>();

  const candidate = SkuRules.safeParse({ stripPrefixes: splitList(prefixes), stripSuffixes: splitList(suffixes), caseInsensitive });

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!candidate.success) {
      setStatus({ tone: 'danger', text: t('options_matching_invalid') });
      return;
    }
    try {
      await writeSetting(db, skuRulesSetting, candidate.data);
      setStatus({ tone: 'success', text: t('options_saved') });
    } catch (err) {
      setStatus({ tone: 'danger', text: t('options_save_failed', [err instanceof Error ? err.message : String(err)]) });
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} className="flex flex-col gap-4" noValidate>
      <div className="grid gap-4 md:grid-cols-2">
        <Field label={t('options_matching_prefixes')} hint={t('options_matching_list_hint')}>
          {(p) => <TextArea {...p} data-testid="rules-prefixes" value={prefixes} spellCheck={false} onChange={(e) => setPrefixes(e.target.value)} />}
        </Field>
        <Field label={t('options_matching_suffixes')} hint={t('options_matching_list_hint')}>
          {(p) => <TextArea {...p} data-testid="rules-suffixes" value={suffixes} spellCheck={false} onChange={(e) => setSuffixes(e.target.value)} />}
        </Field>
      </div>
      <Checkbox
        data-testid="rules-case"
        checked={caseInsensitive}
        onChange={(e) => setCaseInsensitive(e.target.checked)}
        label={t('options_matching_case')}
        hint={t('options_matching_case_hint')}
      />
      <Field label={t('options_matching_preview')}>
        {(p) => (
          <div className="flex flex-col gap-1">
            <TextInput
              {...p}
              data-testid="rules-preview-input"
              value={sample}
              spellCheck={false}
              placeholder={t('options_matching_preview_placeholder')}
              onChange={(e) => setSample(e.target.value)}
            />
            {sample.trim() && candidate.success && (
              <output htmlFor={p.id} data-testid="rules-preview-output" className="font-mono text-slate-700">
                {t('options_matching_preview_result', [normalizeSku(sample, candidate.data)])}
              </output>
            )}
          </div>
        )}
      </Field>
      {status && <Alert tone={status.tone}>{status.text}</Alert>}
      <div>
        <Button type="submit" variant="primary" data-testid="rules-save">
          {t('options_save')}
        </Button>
      </div>
    </form>
  );
}

/** Matching: SKU normalization rules (prefixes and suffixes to strip, case sensitivity). */
export function MatchingSection({ db }: { db: SkulinkDexie }) {
  const stored = useLiveQuery(() => readSetting(db, skuRulesSetting), [db]);
  return (
    <Card title={t('options_matching_title')} description={t('options_matching_desc')} testId="section-matching">
      {stored ? <RulesForm db={db} stored={stored} /> : <p className="text-slate-600">{t('options_loading')}</p>}
    </Card>
  );
}
