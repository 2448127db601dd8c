// The one protocol between the pages (popup, options) and the background. Each entry is
// `name(data): answer`; a handler that throws reaches the page as an Error with its sentence.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Environment } from '../extension/environments';
import type { ConnectionsStatus, KarbonStatus, QuickBooksStatus } from './types';

export interface ProtocolMap {
  getConnections(): ConnectionsStatus;
  setEnvironment(data: { environment: Environment; sandboxUrl: string }): ConnectionsStatus;
  saveIntuitApp(data: { clientId: string; clientSecret: string }): ConnectionsStatus;
  connectQuickBooks(): QuickBooksStatus;
  disconnectQuickBooks(): ConnectionsStatus;
  saveKarbonKeys(data: { bearerToken: string; accessKey: string }): KarbonStatus;
  disconnectKarbon(): ConnectionsStatus;
  /** Sandbox builds: copy the local sandbox's demo credentials into the forms' storage. */
  useSandboxCredentials(): ConnectionsStatus;
}

// The library logs every message body at debug level by default; bodies carry keys, so silence it.
const quiet = { debug() {}, log() {}, warn() {}, error() {} };

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>({
  logger: quiet,
});

export type MessageName = keyof ProtocolMap;
