import { Module } from '@nestjs/common';
import { GraphqlGateway } from './graphql-gateway.js';
import { HealthController } from './http/health.controller.js';
import { MetricsController } from './http/metrics.js';

/** The public face: GraphQL at /graphql, health, readiness and metrics. */
@Module({ providers: [GraphqlGateway], controllers: [HealthController, MetricsController], exports: [GraphqlGateway] })
export class GatewayModule {}
