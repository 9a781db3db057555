import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { CLOCK, type Clock } from '#libs/platform/clock.js';

/**
 * Notes on each request the time it was received, read from the application's Clock: CommandCtx
 * gives it to the command as `now`. A parameter decorator cannot inject, hence this step.
 */
@Injectable()
export class ReceivedAtInterceptor implements NestInterceptor {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getRequest<{ receivedAt?: string }>().receivedAt = this.clock.now().toISOString();
    return next.handle();
  }
}
