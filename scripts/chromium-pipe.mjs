// The DevTools protocol over the pipe Chromium opens with --remote-debugging-pipe: it reads
// commands on fd 3 and writes answers and events on fd 4, each a JSON text ended by a NUL. Only
// the process that started Chromium holds the pipe (no port another local program could use).
// https://chromedevtools.github.io/devtools-protocol/ (Target, Page)

/** The stdio to spawn Chromium with: fds 3 and 4 are the pipe. */
export const PIPE_STDIO = ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'];

/** `child` was spawned with PIPE_STDIO and `--remote-debugging-pipe`. */
export function devtoolsPipe(child) {
  const toChromium = child.stdio[3];
  const fromChromium = child.stdio[4];
  const answers = new Map();
  const listeners = new Set();
  let nextId = 1;
  let buffer = '';
  fromChromium.setEncoding('utf8');
  fromChromium.on('data', (chunk) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      const answer = answers.get(message.id);
      if (answer) {
        answers.delete(message.id);
        if (message.error) answer.reject(new Error(`${answer.method}: ${message.error.message}`));
        else answer.resolve(message.result);
      } else for (const listener of listeners) listener(message);
    }
  });
  // Chromium gone: its pipe errors or ends; whatever waits is answered by the exit handler.
  fromChromium.on('error', () => {});
  toChromium.on('error', () => {});
  return {
    send(method, params = {}, sessionId = undefined) {
      const id = nextId++;
      toChromium.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
      return new Promise((resolve, reject) => answers.set(id, { method, resolve, reject }));
    },
    /** Calls `listener` with every event ({ method, params, sessionId }) until the returned function is called. */
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Opens `url` (a page of an extension) in Chromium's first tab once that extension has started
 * (its service worker is running). A chrome-extension:// address given on the command line is opened before Chromium has
 * loaded an unpacked extension and shows ERR_BLOCKED_BY_CLIENT; so Chromium starts on about:blank.
 * Resolves true when opened, false when the extension did not start within `timeoutMs`.
 */
export async function openWhenExtensionStarts(pipe, url, timeoutMs) {
  const { protocol, host } = new URL(url); // URL.origin is "null" for chrome-extension://
  const origin = `${protocol}//${host}`;
  const started = new Promise((resolve) => {
    const isOurs = (info) => info.type === 'service_worker' && info.url.startsWith(`${origin}/`);
    const stop = pipe.on((message) => {
      const info = message.params?.targetInfo;
      if (info && isOurs(info)) {
        stop();
        resolve(true);
      }
    });
    setTimeout(() => {
      stop();
      resolve(false);
    }, timeoutMs);
  });
  // Reports the targets already there, then each new or changed one.
  await pipe.send('Target.setDiscoverTargets', { discover: true });
  if (!(await started)) return false;
  const { targetInfos } = await pipe.send('Target.getTargets');
  const blank = targetInfos.find((t) => t.type === 'page' && t.url === 'about:blank');
  if (!blank) {
    await pipe.send('Target.createTarget', { url });
    return true;
  }
  const { sessionId } = await pipe.send('Target.attachToTarget', { targetId: blank.targetId, flatten: true });
  await pipe.send('Page.navigate', { url }, sessionId);
  await pipe.send('Target.detachFromTarget', { sessionId });
  return true;
}
