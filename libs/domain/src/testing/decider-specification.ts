import { expect } from '@jest/globals';
import type { DomainEvent } from '../events/event-envelope.js';
import { DomainError, type Decider, type DomainErrorCode } from '../decider.js';

/**
 * Given events / When command / Then events or error, in the style of Emmett's DeciderSpecification:
 *   spec.given([...]).when(command).then([...])
 *   spec.given([...]).when(command).thenThrows('FORBIDDEN', /own evidence/)
 */
export function deciderSpecification<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return {
    given(events: Event[]) {
      return {
        when(command: Command) {
          const run = () => decider.decide(command, events.reduce(decider.evolve, decider.initialState()));
          return {
            then(expected: Event[]) {
              expect(run()).toEqual(expected);
            },
            thenNothingHappens() {
              expect(run()).toEqual([]);
            },
            thenThrows(code: DomainErrorCode, message?: RegExp, field?: string) {
              let caught: unknown;
              try {
                run();
              } catch (error) {
                caught = error;
              }
              expect(caught).toBeInstanceOf(DomainError);
              const error = caught as DomainError;
              expect(error.code).toBe(code);
              if (message) expect(error.message).toMatch(message);
              if (field) expect(error.field).toBe(field);
            },
          };
        },
      };
    },
  };
}
