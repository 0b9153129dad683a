import { createContext, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { dictionaries, format, formatDate } from './dict.ts';
import type { Lang, MessageKey } from './dict.ts';

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  date(value: string | undefined): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children, initial = 'fr' }: { children: ReactNode; initial?: Lang }): ReactNode {
  const [lang, setLang] = useState<Lang>(initial);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang: (next) => {
        setLang(next);
        document.documentElement.lang = next;
        try {
          localStorage.setItem('parcours-lang', next);
        } catch {
          // Storage may be blocked in a third-party iframe: the choice then lasts for the page.
        }
      },
      t: (key, vars) => format(dictionaries[lang][key], vars),
      date: (value) => formatDate(value, lang),
    }),
    [lang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
