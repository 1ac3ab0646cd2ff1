import { pino } from 'pino';
import { ConfigError, loadConfig } from '@skills-graph/config';
import { startEmbeddedSkillsGraph } from './embedded-app.js';

const logger = pino({ level: process.env['LOG_LEVEL'] ?? 'info' });

try {
  const config = loadConfig();
  await startEmbeddedSkillsGraph(config, logger);
} catch (error) {
  if (error instanceof ConfigError) {
    logger.fatal(error.message);
  } else {
    logger.fatal({ err: error }, 'Skills Graph failed to start');
  }
  process.exit(1);
}
