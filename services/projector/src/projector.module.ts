import { Module } from '@nestjs/common';
import { GraphProjector } from './graph-projector.js';

/** Owns the graph read model: projects the global log into it. */
@Module({ providers: [GraphProjector], exports: [GraphProjector] })
export class ProjectorServiceModule {}
