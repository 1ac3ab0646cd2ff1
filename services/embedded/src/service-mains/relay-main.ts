// The relay service as its own process: node services/embedded/dist/service-mains/relay-main.js
import { runServiceMain } from './run-service-main.js';

await runServiceMain('relay');
