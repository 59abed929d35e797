/**
 * Accounts in the Dexie `settings` table (key 'accounts'), the only place credentials are kept.
 * Why not browser.storage: content scripts can read storage.local; the extension's IndexedDB
 * belongs to the extension origin, which content scripts never open.
 */
import type { SkulinkDexie } from '../db/db';
import { defineSetting, readSetting, updateSetting } from '../settings/setting';
import { Account, AccountsState } from './schema';

/** The `accounts` setting (version 1). */
export const accountsSetting = defineSetting({
  key: 'accounts',
  version: 1,
  schema: AccountsState,
  fallback: (): AccountsState => ({ accounts: [] }),
});

/** Every account, in the order they were added. */
export async function listAccounts(db: SkulinkDexie): Promise<Account[]> {
  return (await readSetting(db, accountsSetting)).accounts;
}

/** One account by id. */
export async function getAccount(db: SkulinkDexie, id: string): Promise<Account | undefined> {
  return (await listAccounts(db)).find((a) => a.id === id);
}

/** Whether the seller connected anything yet. */
export async function hasAccounts(db: SkulinkDexie): Promise<boolean> {
  return (await listAccounts(db)).length > 0;
}

/** Add or replace (by id) an account. Validates it first; throws a ZodError when invalid. */
export async function saveAccount(db: SkulinkDexie, account: Account): Promise<Account> {
  const valid = Account.parse(account);
  await updateSetting(db, accountsSetting, ({ accounts }) => {
    const i = accounts.findIndex((a) => a.id === valid.id);
    return { accounts: i < 0 ? [...accounts, valid] : accounts.map((a, j) => (j === i ? valid : a)) };
  });
  return valid;
}

/** Remove an account and its credentials. Returns whether it existed. */
export async function removeAccount(db: SkulinkDexie, id: string): Promise<boolean> {
  let found = false;
  await updateSetting(db, accountsSetting, ({ accounts }) => {
    found = accounts.some((a) => a.id === id);
    return { accounts: accounts.filter((a) => a.id !== id) };
  });
  return found;
}
