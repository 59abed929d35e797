/**
 * Killing the engine at a chosen await point, as Chrome kills a service worker: after the N-th
 * point (a connector call starting or returning, a Dexie write) every further call throws
 * KillSignal, so nothing more reaches the network or the database. Tests then start a fresh
 * engine on the same database and let it resume. Tests only, never shipped.
 */
import type { DBCore, Middleware } from 'dexie';
import type { CatalogConnector, MarketplaceConnector } from '../../connectors/types';
import type { SkulinkDexie } from '../../db/db';

/** What a killed engine throws from every await point after its death. */
export class KillSignal extends Error {
  constructor(readonly at: string) {
    super(`killed at ${at}`);
    this.name = 'KillSignal';
  }
}

/** Counts await points and kills at the `killAt`-th (Infinity: never). */
export interface KillSwitch {
  tick(label: string): void;
  readonly dead: boolean;
  readonly count: number;
  readonly killedAt?: string;
}

/** A kill switch that fires at the `killAt`-th point. */
export function createKillSwitch(killAt: number): KillSwitch {
  let count = 0;
  let killedAt: string | undefined;
  return {
    tick(label) {
      if (killedAt) throw new KillSignal(killedAt);
      count += 1;
      if (count >= killAt) {
        killedAt = `${label} (#${count})`;
        throw new KillSignal(killedAt);
      }
    },
    get dead() {
      return killedAt !== undefined;
    },
    get count() {
      return count;
    },
    get killedAt() {
      return killedAt;
    },
  };
}

function wrap<T extends object>(target: T, ks: KillSwitch, methods: readonly string[]): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function' || !methods.includes(String(prop))) return value;
      return async (...args: unknown[]) => {
        ks.tick(`before ${String(prop)}`);
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(obj, args);
        // The call happened (e.g. an order was created) but the worker dies before hearing it.
        ks.tick(`after ${String(prop)}`);
        return result;
      };
    },
  });
}

/** The marketplace connector with a kill point before and after every call. */
export function killableMarketplace<T extends MarketplaceConnector>(m: T, ks: KillSwitch): T {
  return wrap(m, ks, ['downloadListings', 'updateOffers', 'listOrders', 'getOrder', 'confirmShipment']);
}

/** The catalog connector with a kill point before and after every call. */
export function killableCatalog<T extends CatalogConnector>(c: T, ks: KillSwitch): T {
  return wrap(c, ks, ['listProducts', 'createProduct', 'changeStock', 'findOrder', 'createOrder']);
}

/** Make every Dexie write of this database instance a kill point (install before open). */
export function killableDb(db: SkulinkDexie, ks: KillSwitch): SkulinkDexie {
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'kill-switch',
    create(down) {
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          return {
            ...table,
            mutate(req) {
              ks.tick(`db ${req.type} ${name}`);
              return table.mutate(req);
            },
          };
        },
      };
    },
  };
  db.use(middleware);
  return db;
}
