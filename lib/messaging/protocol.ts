// The one protocol between the pages (popup, options) and the background. Each entry is
// `name(data): answer`; a handler that throws reaches the page as an Error whose message is one
// sentence saying what to do. Reads the pages can do themselves (status, duplicates, links,
// history) are also here, for callers without database access; the pages watch the database
// with useLiveQuery instead so they update while a run works.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { StateBackup } from '../db/backup';
import type { Settings, SettingsPatch } from '../db/settings';
import type { Environment } from '../extension/environments';
import type {
  ChangeEntry,
  ClientListRow,
  Decision,
  DuplicateItem,
  EngineStatus,
  NotInQuickBooksRow,
  PreviewReport,
  PushRequest,
  RunReport,
  RunSummary,
  UndoReport,
} from '../sync/engine';
import type { Attention, ConnectionsStatus, ItemRecords, KarbonStatus, QuickBooksStatus } from './types';

export interface ProtocolMap {
  // Connections
  getConnections(): ConnectionsStatus;
  setEnvironment(data: { environment: Environment; sandboxUrl: string }): ConnectionsStatus;
  saveIntuitApp(data: { clientId: string; clientSecret: string }): ConnectionsStatus;
  connectQuickBooks(): QuickBooksStatus;
  disconnectQuickBooks(): { revoked: boolean };
  saveKarbonKeys(data: { bearerToken: string; accessKey: string }): KarbonStatus;
  disconnectKarbon(): ConnectionsStatus;
  /** Sandbox builds: the local sandbox's demo Intuit app and Karbon keys. */
  useSandboxCredentials(): ConnectionsStatus;

  // Status and runs
  getStatus(): { engine: EngineStatus; attention: Attention | null };
  /** Sync Now: answers once the run has started (or joined the running one), not when it ends. */
  startRun(): { started: true };
  preview(): PreviewReport;

  // Decisions
  duplicates(): DuplicateItem[];
  /** A waiting item's record and candidates read in full, to compare every field (reads only). */
  itemRecords(data: { itemId: string }): ItemRecords;
  resolve(data: { itemId: string; decision: Decision }): RunReport;
  /** Bulk decisions as one recorded run; a decision that cannot apply is in `errors[]` under its item id. */
  resolveMany(data: { decisions: Array<{ itemId: string; decision: Decision }> }): RunReport;
  links(): ClientListRow[];
  /** Remove Match. */
  unlink(data: { quickBooksId: string }): RunReport;
  /** Karbon contacts not linked to a customer (reads Karbon's lists; writes nothing). */
  notInQuickBooks(data: { types?: string[] }): NotInQuickBooksRow[];
  /** Push chosen Karbon records, or every unlinked one of some types, through the matching rules. */
  push(data: PushRequest): RunReport;
  /** Revert a run's changes, as a run of its own. */
  undo(data: { runId: string }): UndoReport;
  /** Put back the value a field change of the history replaced, on both sides, as a run of its own. */
  restoreValue(data: { changeId: string }): RunReport;

  // Settings, history, backup
  getSettings(): { settings: Settings; contactTypes: string[] };
  updateSettings(data: SettingsPatch): Settings;
  history(data: { limit?: number }): RunSummary[];
  runChanges(data: { runId: string }): ChangeEntry[];
  exportState(): StateBackup;
  importState(data: { backup: unknown }): { restored: true };
}

// The library logs every message body at debug level by default; bodies carry keys, so silence it.
const quiet = { debug() {}, log() {}, warn() {}, error() {} };

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>({
  logger: quiet,
});

export type MessageName = keyof ProtocolMap;
