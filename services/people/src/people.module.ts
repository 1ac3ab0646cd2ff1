import { Module } from '@nestjs/common';
import { RecordJoinerHandler, RecordLeaverHandler, RecordMoverHandler } from './record-people-changes/record-people-changes.handlers.js';

/** Owns engineer streams: joiners, movers and leavers as HRIS reports them. */
@Module({ providers: [RecordJoinerHandler, RecordMoverHandler, RecordLeaverHandler] })
export class PeopleServiceModule {}
