// Entry point of a k-means worker thread (see kmeans-executor.ts). On Node 20 a worker does not inherit the
// parent's module hooks and `execArgv: ['--import', 'tsx']` does not apply them to the worker's entry file, so the
// worker registers tsx itself (as bin/segmint.js does) before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./kmeans-worker.ts');
