import { Module } from '@nestjs/common';
import { CalibrationModule } from './calibrate-level/calibration.module.js';
import { LevelRecomputer } from './recompute-levels/level-recomputer.js';

/** Owns assessment streams: demonstrated levels recomputed from approved evidence, with provenance, and levels a panel calibrated. */
@Module({ imports: [CalibrationModule], providers: [LevelRecomputer], exports: [LevelRecomputer] })
export class AssessmentServiceModule {}
