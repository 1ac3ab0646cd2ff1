import { Module } from '@nestjs/common';
import { DelegateApprovalsHandler, RevokeDelegationHandler } from './delegate-approvals/delegate-approvals.handlers.js';
import { EraseEngineerHandler } from './erase-engineer/erase-engineer.handler.js';
import { HrisPeopleConsumer } from './hris-feed/hris-people-consumer.js';
import { ImportPeopleHandler } from './import-people/import-people.handler.js';
import { RecordJoinerHandler, RecordLeaverHandler, RecordMoverHandler } from './record-people-changes/record-people-changes.handlers.js';

/** Owns engineer streams: joiners, movers and leavers as HRIS reports them (hris.people.v1, the API, HR exports), and erasures. */
@Module({ providers: [DelegateApprovalsHandler, RevokeDelegationHandler, RecordJoinerHandler, RecordMoverHandler, RecordLeaverHandler, EraseEngineerHandler, ImportPeopleHandler, HrisPeopleConsumer], exports: [HrisPeopleConsumer] })
export class PeopleServiceModule {}
