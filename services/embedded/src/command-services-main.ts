import { pino } from 'pino';
import { ConfigError, loadConfig } from '@skills-graph/config';
import { startCommandServices } from './command-services.js';

// The command services as their own process (distributed mode): node services/embedded/dist/command-services-main.js
const logger = pino({ level: process.env['LOG_LEVEL'] ?? 'info' });
try {
  await startCommandServices(loadConfig(), logger);
  logger.info('command services are listening on Kafka');
} catch (error) {
  logger.fatal(error instanceof ConfigError ? error.message : { err: error }, 'command services failed to start');
  process.exit(1);
}
