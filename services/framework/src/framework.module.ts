import { Module } from '@nestjs/common';
import { ImportFrameworkHandler } from './import-framework/import-framework.handler.js';
import { PublishFrameworkHandler } from './publish-framework/publish-framework.handler.js';
import { RegisterSkillHandler } from './register-skill/register-skill.handler.js';

/** Owns framework and skill streams: importing, versioning and publishing frameworks; the skill catalogue. */
@Module({ providers: [ImportFrameworkHandler, PublishFrameworkHandler, RegisterSkillHandler] })
export class FrameworkServiceModule {}
