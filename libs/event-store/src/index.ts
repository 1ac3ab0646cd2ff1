export * from './event-store.port.js';
export * from './append-validation.js';
export * from './upcasting.js';
export * from './checkpoint-store.js';
export * from './sql/sql-client.js';
export * from './sql/sql-event-store.js';
export * from './pglite/pglite-sql-client.js';
export * from './all-stream-subscription.js';
