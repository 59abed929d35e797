/**
 * The sync engine (issue 6): what the background worker, the popup and the Seller Central overlay use.
 *
 * Background:  const engine = createSyncEngine({ db, marketplace, catalog, clock: realClock, notify });
 *              await engine.resume();                               // at worker start
 *              for (const a of await engine.schedule()) chrome.alarms.create(a.name, { when: a.when, periodInMinutes: a.periodInMinutes });
 *              chrome.alarms.onAlarm.addListener((a) => void engine.handleAlarm(a.name));
 * Popup:       engine.status() (through a message), engine.runJob(kind) for "Sync now".
 * Overlay:     orderStatusFor(db, orderIds, language) (through a message).
 */
export { createSyncEngine } from './engine';
export type { AccountHealth, JobStatus, RunOptions, RunResult, SyncEngine, SyncEngineDeps, SyncEvent, SyncStatus } from './engine';
export { orderStatusFor, type OrderStatusInfo } from './order-status';
export { alarmDefinitions, alarmName, parseAlarmName, nextRunAt, jobEnabled, type AlarmDefinition } from './schedule';
export { EXPLANATIONS, explain, explanationKey, type Explanation, type ExplanationText } from './explanations';
export { computePrice, computeQuantity, desiredOffer, roundPrice } from './rules';
export { loadSettings, saveSettings } from './repo';
export {
  Channel,
  JOB_KINDS,
  JobKind,
  Language,
  ListingOverride,
  LogRow,
  OrderRow,
  OrderStatus,
  PriceRule,
  StockRule,
  SyncSettings,
  type SyncSettingsInput,
} from './schemas';
