/** `covenant/runtime`: what generated code imports. Each half owns its own line. */
export * from './client/index.js';
export * from './server/index.js';
