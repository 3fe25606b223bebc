#!/usr/bin/env node
// The bundled CLI; `npm ci` (prepare) or `npm run build` produces it.
import { run } from '../dist/bundle/vault-lint.js';

await run();
