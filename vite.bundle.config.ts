import { defineConfig } from 'vite';

// Bundles the CLI into a few files so a run loads a handful of modules instead of dozens:
// start-up time is a feature. `tsc` still emits dist/src for the library API and types.
//
// - Everything a plain lint imports statically is one chunk, the entry itself: left to itself the
//   bundler splits the modules the entry shares with lazily imported features (policies, plugins,
//   explain, check-rules) into small common chunks, each one more file to resolve, read and compile
//   on every run. The rules (always loaded, after the arguments are read) and what only they use
//   are a second chunk. test/cli/startup.test.ts lists what a plain lint loads.
// - ASCII output: one character outside ASCII makes Node decode a whole file into a two-byte
//   string, which takes twice the memory and compiles slower; JSDoc comments are left out (license
//   comments stay).
export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist/bundle',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: {
      output: {
        format: 'es',
        entryFileNames: 'vault-lint.js',
        chunkFileNames: '[name].js',
        codeSplitting: {
          groups: [
            { name: 'cli', tags: ['$initial'], priority: 2 },
            { name: 'rules', test: /[\\/]rules[\\/][a-z0-9-]+\.ts$/, priority: 1 },
          ],
        },
        charset: 'ascii',
        comments: { legal: true, annotation: false, jsdoc: false },
      },
    },
  },
  // check-rules' parser (and the TypeScript it brings) is an optional peer dependency, never bundled.
  ssr: { noExternal: true, external: ['yargs', '@typescript-eslint/typescript-estree'] },
});
