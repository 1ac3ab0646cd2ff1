import { Module } from '@nestjs/common';
import { IntegrationEventRelay } from './relay-integration-events/integration-event-relay.js';

/** Owns the integration events: publishes them from the event log to the message bus. */
@Module({ providers: [IntegrationEventRelay], exports: [IntegrationEventRelay] })
export class RelayServiceModule {}
