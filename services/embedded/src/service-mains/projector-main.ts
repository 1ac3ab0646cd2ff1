// The projector service as its own process: node services/embedded/dist/service-mains/projector-main.js
import { runServiceMain } from './run-service-main.js';

await runServiceMain('projector');
