// Child process for global-fetch-isolation.test.ts: optionally import a module, then fetch a close-delimited
// gzip body with the process's own fetch and report what came back. Exits 0 only when the body is complete.
const [url, expectedLength, moduleToImport] = process.argv.slice(2);
if (moduleToImport) await import(moduleToImport);
const response = await fetch(url!);
const text = await response.text();
process.stdout.write(JSON.stringify({ status: response.status, length: text.length }));
process.exit(text.length === Number(expectedLength) ? 0 : 3);
