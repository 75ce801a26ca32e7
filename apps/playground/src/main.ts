import { runPlayground } from './run-playground.js';

// The narrated session: `pnpm run playground [-- --transport fetch|undici|both --verbose --json]`.
process.exitCode = await runPlayground(process.argv.slice(2), {
  write: (text) => process.stdout.write(text),
  isTTY: process.stdout.isTTY,
  environment: process.env,
});
