// Browser entry of the MSW page: the playground's handlers in MSW's service worker, REST calling them.
import { runMswSession } from '../scenarios/msw-session.js';

declare global {
  interface Window {
    /** Set once the bundle has loaded; the driver calls it through `page.evaluate`. */
    runMswSession?: typeof runMswSession;
  }
}

window.runMswSession = runMswSession;
