import { defineConfig } from 'vite';

// Bundles the CLI into a few files so a run loads a handful of modules instead of dozens:
// start-up time is a feature. `tsc` still emits dist/src for the library API and types.
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
      output: { format: 'es', entryFileNames: 'vault-lint.js', chunkFileNames: '[name].js' },
    },
  },
  // check-rules' parser (and the TypeScript it brings) is an optional peer dependency, never bundled.
  ssr: { noExternal: true, external: ['yargs', '@typescript-eslint/typescript-estree'] },
});
