import { pino } from 'pino';
import { ConfigError, loadServiceConfig, type ServiceName, type SkillsGraphConfig } from '@skills-graph/config';

/**
 * A service's main: validates its configuration first, before loading anything heavy, and exits 1 at
 * once naming each missing or wrong setting; then starts the service and closes it on SIGTERM/SIGINT
 * (followers release their leases, so a standby takes over at once).
 */
export async function runServiceMain(service: ServiceName): Promise<void> {
  const logger = pino({ level: process.env['LOG_LEVEL'] ?? 'info', base: { service } });
  let config: SkillsGraphConfig;
  try {
    config = loadServiceConfig(service);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger.fatal({ problems: error.problems }, `${service}: ${error.message}`);
    process.stderr.write(`${service}: ${error.message}\n`);
    process.exit(1);
  }
  try {
    const { startService } = await import('./service-host.js');
    const running = await startService(service, config, logger);
    const stop = (signal: NodeJS.Signals) => {
      logger.info({ signal }, `${service} stopping`);
      running.close().then(
        () => {
          logger.info({ signal }, `${service} stopped`);
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, `${service} did not stop cleanly`);
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } catch (error) {
    logger.fatal({ err: error }, `${service} failed to start`);
    process.exit(1);
  }
}
