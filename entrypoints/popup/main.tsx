import '@/components/ui/theme.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LanguageGate } from '@/components/pages/language-gate';
import { PopupPage } from '@/components/pages/popup/popup-page';
import { createDb } from '@/lib/db/db';
import { t } from '@/lib/i18n';

const db = createDb();
const title = () => t('popup_title');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LanguageGate db={db} title={title}>
      <PopupPage db={db} />
    </LanguageGate>
  </StrictMode>,
);
