// Browser entry of the REST page: exposes the scenarios to the driver. Bundled by esbuild for the browser, so
// `@meta/rest` picks its default transport through the `#default-transport` import condition: fetch.
import { runRestScenario } from '../scenarios/rest-scenarios.js';

declare global {
  interface Window {
    /** Set once the bundle has loaded; the driver calls it through `page.evaluate`. */
    runRestScenario?: typeof runRestScenario;
  }
}

window.runRestScenario = runRestScenario;
