import { Injectable } from '@nestjs/common';
import { CommandBus, type Command } from '@nestjs/cqrs';
import type { CommandSender } from '@skills-graph/contracts';

/** Embedded mode: commands go to the handlers in this process over the CQRS command bus. */
@Injectable()
export class InProcessCommandSender implements CommandSender {
  constructor(private readonly commandBus: CommandBus) {}

  send<R>(command: Command<R>): Promise<R> {
    return this.commandBus.execute(command);
  }
}
