import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { CLOCK, localDay, type Clock } from '#libs/platform/clock.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';

/**
 * Notes on each request the time it was received, read from the application's Clock, and that
 * instant's calendar day in the deployment's time zone (JEJAK_TIME_ZONE): CommandCtx gives them to
 * the command as `now` and `today`. A parameter decorator cannot inject, hence this step.
 */
@Injectable()
export class ReceivedAtInterceptor implements NestInterceptor {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<{ receivedAt?: string; receivedOn?: string }>();
    request.receivedAt = this.clock.now().toISOString();
    request.receivedOn = localDay(request.receivedAt, this.config.timeZone);
    return next.handle();
  }
}
