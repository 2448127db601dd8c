// Registers one background handler per message of the protocol. Every message passes the sender
// guard first; every failure leaves as one sentence (no stack, no secret).
import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import { browser } from 'wxt/browser';
import { isFromOwnPage, type SenderLike } from '../messaging/guard';
import { type MessageName, onMessage, type ProtocolMap } from '../messaging/protocol';
import { sentenceOf } from './user-error';

export type Handlers = {
  [K in MessageName]: (data: GetDataType<ProtocolMap[K]>) => Promise<GetReturnType<ProtocolMap[K]>>;
};

export const REFUSED = 'Refused: this extension accepts messages only from its own pages.';

function ownPagesOnly(sender: SenderLike | undefined): boolean {
  return isFromOwnPage(sender, browser.runtime.id, browser.runtime.getURL('/'));
}

export function registerHandlers(
  handlers: Handlers,
  allowed: (sender: SenderLike | undefined) => boolean = ownPagesOnly,
): void {
  for (const name of Object.keys(handlers) as MessageName[]) {
    register(name, handlers[name], allowed);
  }
}

function register<K extends MessageName>(
  name: K,
  handler: Handlers[K],
  allowed: (sender: SenderLike | undefined) => boolean,
): void {
  onMessage(name, async (message) => {
    if (!allowed(message.sender)) throw new Error(REFUSED);
    try {
      return await handler(message.data);
    } catch (error) {
      throw new Error(sentenceOf(error));
    }
  });
}
