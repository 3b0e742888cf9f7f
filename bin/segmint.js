#!/usr/bin/env node
// Entry point for the `segmint` command. The sources are TypeScript; tsx's loader runs them directly so
// there is no build step between `npm install` and a working CLI.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
