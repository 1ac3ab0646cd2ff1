import { Module } from '@nestjs/common';
import { LevelRecomputer } from './recompute-levels/level-recomputer.js';

/** Owns assessment streams: demonstrated levels recomputed from approved evidence, with provenance. */
@Module({ providers: [LevelRecomputer], exports: [LevelRecomputer] })
export class AssessmentServiceModule {}
