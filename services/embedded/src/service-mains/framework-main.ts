// The framework service as its own process: node services/embedded/dist/service-mains/framework-main.js
import { runServiceMain } from './run-service-main.js';

await runServiceMain('framework');
