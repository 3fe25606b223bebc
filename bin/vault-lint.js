#!/usr/bin/env node
// The compiled CLI; `npm ci` (prepare) or `npm run build` produces it.
import { run } from '../dist/src/cli/main.js';

await run();
