// Jitsi's IFrame API (`external_api.js`), loaded on demand from the configured Jitsi server — the
// page's content security policy allows that one origin (apps/api/src/app.ts). Only the part of the
// API the room page uses is typed here.

/** The options of `new JitsiMeetExternalAPI(domain, options)` we pass. */
export interface JitsiOptions {
  roomName: string;
  jwt?: string;
  parentNode: HTMLElement;
  width?: string | number;
  height?: string | number;
  lang?: string;
  userInfo?: { displayName?: string; email?: string };
  configOverwrite?: Record<string, unknown>;
  interfaceConfigOverwrite?: Record<string, unknown>;
}

export interface JitsiMeetApi {
  addListener(event: string, listener: (payload: Record<string, unknown>) => void): void;
  executeCommand(command: string, ...args: unknown[]): void;
  getIFrame(): HTMLIFrameElement;
  dispose(): void;
}

export type JitsiConstructor = new (domain: string, options: JitsiOptions) => JitsiMeetApi;

declare global {
  interface Window {
    JitsiMeetExternalAPI?: JitsiConstructor;
  }
}

/** Raised when the script cannot be fetched or run (offline, blocked, server down, too slow). */
export class JitsiUnreachableError extends Error {
  constructor(readonly scriptUrl: string) {
    super(`Jitsi's external API could not be loaded from ${scriptUrl}`);
    this.name = 'JitsiUnreachableError';
  }
}

const SCRIPT_ID = 'jitsi-external-api';

/**
 * Loads `scriptUrl` (once per page; again after a failure) and returns the API's constructor.
 * Rejects with JitsiUnreachableError on a network error or after `timeoutMs`.
 */
export function loadJitsi(scriptUrl: string, timeoutMs = 15_000): Promise<JitsiConstructor> {
  if (window.JitsiMeetExternalAPI) return Promise.resolve(window.JitsiMeetExternalAPI);
  // A previous, failed attempt leaves its element behind: start afresh.
  document.getElementById(SCRIPT_ID)?.remove();
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.id = SCRIPT_ID;
    script.src = scriptUrl;
    script.async = true;
    const fail = () => {
      clearTimeout(timer);
      script.remove();
      reject(new JitsiUnreachableError(scriptUrl));
    };
    const timer = setTimeout(fail, timeoutMs);
    script.onload = () => {
      clearTimeout(timer);
      if (window.JitsiMeetExternalAPI) resolve(window.JitsiMeetExternalAPI);
      else fail();
    };
    script.onerror = fail;
    document.head.append(script);
  });
}
