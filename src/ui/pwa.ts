/// <reference types="vite-plugin-pwa/client" />
/**
 * The service worker's registration (vite-plugin-pwa's `virtual:pwa-register`, on
 * workbox-window). Imported lazily by UpdatePrompt, so it is not in the initial bundle.
 * A running page checks for a new version every hour and when it becomes visible again.
 */
import { registerSW } from 'virtual:pwa-register';

export interface PwaHandlers {
  /** A new version is installed and waiting. */
  onNeedRefresh: () => void;
  /** First install done: everything the app needs is cached; it works offline from now. */
  onOfflineReady: () => void;
}

const HOUR = 60 * 60 * 1000;

/** Registers the service worker; returns `update(reload)` which activates the waiting one and reloads. */
export function register(h: PwaHandlers): (reload?: boolean) => Promise<void> {
  return registerSW({
    immediate: true,
    onNeedRefresh: h.onNeedRefresh,
    onOfflineReady: h.onOfflineReady,
    onRegisteredSW(_url, reg) {
      if (!reg) return;
      const check = () => {
        if (navigator.onLine !== false && !reg.installing) void reg.update().catch(() => {});
      };
      setInterval(check, HOUR);
      document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && check());
    },
  });
}
