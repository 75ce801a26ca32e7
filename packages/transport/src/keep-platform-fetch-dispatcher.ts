/**
 * Imported (for its effect) before anything that loads npm undici. Importing undici installs its own Agent as the
 * process-wide dispatcher when the slot is still empty, and Node's bundled fetch then uses it: on Node 20 (bundled
 * undici 6 + npm undici 7) a valid close-delimited gzip body above about 80 KiB makes the process's own `fetch`
 * throw an uncaught `AssertionError` (issue 18.1). Reading a lazy fetch global (`Headers`) first makes Node load its
 * bundled undici, which fills the slot with the platform's own Agent; npm undici then leaves it alone. Our
 * transports never use the global dispatcher, so nothing else changes. (Writing the slot back after the import does
 * not work: undici defines it non-configurable, and an emptied slot fails Node's fetch with `assert(dispatcher)`.)
 */
void (globalThis as { Headers?: unknown }).Headers;

export {};
