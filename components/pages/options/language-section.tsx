import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Alert, Card, Fieldset, Radio } from '@/components/ui';
import type { SkulinkDexie } from '@/lib/db/db';
import { t, type MessageKey } from '@/lib/i18n';
import { LanguageChoice, languageSetting, readSetting, writeSetting } from '@/lib/settings';

const LABELS: Record<LanguageChoice, MessageKey> = {
  auto: 'options_language_auto',
  en: 'options_language_en',
  es: 'options_language_es',
};

/** Language: automatic (browser) / English / Español, saved at once; every page follows. */
export function LanguageSection({ db }: { db: SkulinkDexie }) {
  const choice = useLiveQuery(() => readSetting(db, languageSetting), [db]);
  const [error, setError] = useState<string>();
  async function choose(next: LanguageChoice) {
    setError(undefined);
    try {
      await writeSetting(db, languageSetting, next);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <Card title={t('options_language_title')} testId="section-language">
      <Fieldset legend={t('options_language_desc')}>
        {LanguageChoice.options.map((lang) => (
          <Radio
            key={lang}
            name="language"
            value={lang}
            data-testid={`lang-${lang}`}
            lang={lang === 'auto' ? undefined : lang}
            checked={choice === lang}
            disabled={choice === undefined}
            onChange={() => void choose(lang)}
            label={t(LABELS[lang])}
          />
        ))}
      </Fieldset>
      {error && (
        <Alert tone="danger" className="mt-3">
          {t('options_save_failed', [error])}
        </Alert>
      )}
    </Card>
  );
}
