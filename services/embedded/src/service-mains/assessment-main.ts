// The assessment service as its own process: node services/embedded/dist/service-mains/assessment-main.js
import { runServiceMain } from './run-service-main.js';

await runServiceMain('assessment');
