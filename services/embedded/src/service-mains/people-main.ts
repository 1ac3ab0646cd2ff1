// The people service as its own process: node services/embedded/dist/service-mains/people-main.js
import { runServiceMain } from './run-service-main.js';

await runServiceMain('people');
