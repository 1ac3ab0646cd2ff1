// Writes the integration-event JSON Schemas and docs/asyncapi.yaml from libs/messaging (run after a build).
import { mkdirSync, writeFileSync } from 'node:fs';
import { asyncApiDocument, schemaFiles } from '../libs/messaging/dist/index.js';

const schemas = new URL('../libs/messaging/schemas/', import.meta.url);
mkdirSync(schemas, { recursive: true });
for (const [file, content] of Object.entries(schemaFiles())) writeFileSync(new URL(file, schemas), content);
writeFileSync(new URL('../docs/asyncapi.yaml', import.meta.url), asyncApiDocument());
console.log('wrote libs/messaging/schemas/*.json and docs/asyncapi.yaml');
