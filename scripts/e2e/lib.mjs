// The e2e harness library: one import for journey steps, test runners and the demo scripts.
// Each part lives in lib/<what-it-does>.mjs.
export * from './lib/paths.mjs';
export * from './lib/ports.mjs';
export * from './lib/processes.mjs';
export * from './lib/shutdown.mjs';
export * from './lib/simulator.mjs';
export * from './lib/extension-settings.mjs';
export * from './lib/code-server.mjs';
export * from './lib/chromium.mjs';
export * from './lib/dev-extension.mjs';
export * from './lib/workbench.mjs';
export * from './lib/screenshots.mjs';
export * from './lib/results.mjs';
export * from './lib/stack.mjs';
export * from './lib/language-pack.mjs';
