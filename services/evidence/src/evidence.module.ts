import { Module } from '@nestjs/common';
import { ReviewEvidenceHandler } from './review-evidence/review-evidence.handler.js';
import { SubmitEvidenceHandler } from './submit-evidence/submit-evidence.handler.js';

/** Owns evidence streams: submission and the review lifecycle. */
@Module({ providers: [SubmitEvidenceHandler, ReviewEvidenceHandler] })
export class EvidenceServiceModule {}
