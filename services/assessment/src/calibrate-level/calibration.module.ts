import { Module } from '@nestjs/common';
import { CalibrateLevelHandler } from './calibrate-level.handler.js';

/** The calibration command: its own module so the command services process can host it without the level recomputer. */
@Module({ providers: [CalibrateLevelHandler] })
export class CalibrationModule {}
