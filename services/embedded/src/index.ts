export * from './embedded-app.js';
export * from './demo/seed-demo-organisation.js';
export * from './command-services.js';
