// The gateway service as its own process: node services/embedded/dist/service-mains/gateway-main.js
import { runServiceMain } from './run-service-main.js';

await runServiceMain('gateway');
