// The workerd smoke's worker: runs one REST scenario per request and answers with its outcome as JSON. Bundled
// like a browser page (`@meta/rest` picks the fetch transport); workerd runs it with no Node compatibility flag,
// so a Node built-in anywhere on the path would fail to load.
import { describeError } from '../scenarios/describe-error.js';
import { type RestScenarioName, runRestScenario } from '../scenarios/rest-scenarios.js';

/** The worker: `GET /?scenario=<name>&baseUrl=<url>&closedBaseUrl=<url>`. */
export default {
  async fetch(request: Request): Promise<Response> {
    const parameters = new URL(request.url).searchParams;
    const name = parameters.get('scenario') as RestScenarioName;
    try {
      const outcome = await runRestScenario(name, {
        baseUrl: parameters.get('baseUrl') ?? '',
        closedBaseUrl: parameters.get('closedBaseUrl') ?? '',
      });
      return Response.json({ outcome });
    } catch (error) {
      return Response.json({ error: describeError(error) }, { status: 500 });
    }
  },
};
