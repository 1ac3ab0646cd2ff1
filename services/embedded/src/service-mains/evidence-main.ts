// The evidence service as its own process: node services/embedded/dist/service-mains/evidence-main.js
import { runServiceMain } from './run-service-main.js';

await runServiceMain('evidence');
