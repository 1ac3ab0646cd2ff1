import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { GraphqlGateway } from './graphql-gateway.js';
import { dashboardHandlers } from './http/dashboard.js';
import { HealthController } from './http/health.controller.js';
import { MetricsController } from './http/metrics.js';

/** The public face: GraphQL at /graphql, the directors' dashboard at /, health, readiness and metrics. */
@Module({ providers: [GraphqlGateway], controllers: [HealthController, MetricsController], exports: [GraphqlGateway] })
export class GatewayModule implements NestModule {
  /** The dashboard's files and pages, on every host of the gateway (embedded and distributed); they step aside for the API's paths. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(...dashboardHandlers()).forRoutes({ path: '/{*path}', method: RequestMethod.GET });
  }
}
