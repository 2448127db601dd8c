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
  PreviewReport,
  RunReport,
  RunSummary,
} from '../sync/engine';
import type { Attention, ConnectionsStatus, KarbonStatus, QuickBooksStatus } from './types';

export interface ResolveOutcome {
  itemId: string;
  ok: boolean;
  /** The sentence when it failed. */
  error: string | null;
}

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
  resolve(data: { itemId: string; decision: Decision }): RunReport;
  resolveMany(data: { decisions: Array<{ itemId: string; decision: Decision }> }): ResolveOutcome[];
  links(): ClientListRow[];
  /** Remove Match. */
  unlink(data: { quickBooksId: string }): RunReport;

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
