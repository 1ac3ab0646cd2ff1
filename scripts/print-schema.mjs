// Writes services/gateway/schema.graphql from the gateway's type definitions (run after a build).
import { writeFileSync } from 'node:fs';
import { printedSchema } from '../services/gateway/dist/graphql-gateway.js';

const target = new URL('../services/gateway/schema.graphql', import.meta.url);
writeFileSync(target, printedSchema());
console.log(`wrote ${target.pathname}`);
