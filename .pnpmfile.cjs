// pnpm prints a two-line banner ("> meta-monorepo@ playground <dir>" and "> <command>") on stdout before it runs a
// script, and only its `silent` reporter skips it. Silencing pnpm for the whole repository would also hide install
// errors, so only `pnpm run playground ... --json` gets the silent reporter: its stdout is then one JSON document,
// whatever pnpm would have printed (issue 13). So does `pnpm run playground ... --token <jwt>`: the banner's second
// line is the command line, which would print the token in clear. The playground's own stderr and exit code are
// untouched.

/** The command line after pnpm's own options: `run playground --json` or the short `playground --json`. */
function commandWords(argv) {
  return argv.slice(2).filter((word) => !word.startsWith('-') || word === '--json');
}

function isQuietPlayground(argv) {
  const words = commandWords(argv);
  const script = words[0] === 'run' || words[0] === 'run-script' ? words[1] : words[0];
  const token = argv.some((word) => word === '--token' || word.startsWith('--token='));
  return script === 'playground' && (words.includes('--json') || token);
}

// pnpm pack/publish: tarballs lose the workspace-only `@meta/source` condition (scripts/lib/publish-manifest.cjs).
const { publishManifest } = require('./scripts/lib/publish-manifest.cjs');

module.exports = {
  hooks: {
    beforePacking: publishManifest,
    updateConfig(config) {
      return isQuietPlayground(process.argv) ? { ...config, reporter: 'silent' } : config;
    },
  },
};
