import { Module } from '@nestjs/common';
import { AmendEvidenceHandler } from './amend-evidence/amend-evidence.handler.js';
import { ReviewEvidenceHandler } from './review-evidence/review-evidence.handler.js';
import { SubmitEvidenceHandler } from './submit-evidence/submit-evidence.handler.js';

/** Owns evidence streams: submission, amendment and the review lifecycle. */
@Module({ providers: [SubmitEvidenceHandler, ReviewEvidenceHandler, AmendEvidenceHandler] })
export class EvidenceServiceModule {}
