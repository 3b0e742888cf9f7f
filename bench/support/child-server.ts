/** Starts `segmint serve` in a child process for benchmarks and waits until it answers /ready. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const binary = resolve(import.meta.dirname, '../../bin/segmint.js');

export interface ChildServer {
  url: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startChildServer(options: {
  storeArgs: string[];
  port: number;
  adminKey: string;
  env?: NodeJS.ProcessEnv;
}): Promise<ChildServer> {
  const child = spawn(
    process.execPath,
    [binary, ...options.storeArgs, 'serve', '--port', String(options.port), '--admin-key', options.adminKey],
    { stdio: ['ignore', 'inherit', 'pipe'], env: { ...process.env, ...options.env } },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}`);
    const ready = await fetch(`${url}/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready: ${stderr}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    url,
    process: child,
    stop: (signal = 'SIGTERM') =>
      new Promise((done) => {
        if (child.exitCode !== null) return done(child.exitCode);
        child.once('exit', (code) => done(code));
        child.kill(signal);
      }),
  };
}
