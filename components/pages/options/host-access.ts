/**
 * Optional host permissions for account APIs: ask in the click that adds an account, check on
 * the accounts list. Why a hook: the seller may grant or revoke access from the browser's own UI.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

/** What asking for access gave: granted, refused by the seller, or an error (e.g. an undeclared origin). */
export type AccessResult = { granted: boolean } | { error: string };

/**
 * Ask the browser for access to these origins. Call it synchronously from a click or submit
 * handler (before any await): browsers only show the prompt during a user gesture.
 */
export function requestHostAccess(origins: string[]): Promise<AccessResult> {
  try {
    return browser.permissions.request({ origins }).then(
      (granted) => ({ granted }),
      (e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }),
    );
  } catch (e) {
    return Promise.resolve({ error: e instanceof Error ? e.message : String(e) });
  }
}

/** Whether the extension may call every origin (undefined while checking), kept current. */
export function useHostAccess(origins: readonly string[]): boolean | undefined {
  const key = origins.join(' ');
  const [state, setState] = useState<{ key: string; granted: boolean }>();
  useEffect(() => {
    let live = true;
    const list = key ? key.split(' ') : [];
    const check = () => {
      browser.permissions.contains({ origins: list }).then(
        (granted) => live && setState({ key, granted }),
        () => live && setState({ key, granted: false }),
      );
    };
    check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      live = false;
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, [key]);
  return state?.key === key ? state.granted : undefined;
}
