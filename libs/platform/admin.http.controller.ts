import { Controller, HttpCode, Inject, Logger, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from './auth/index.js';
import { EVENT_STORE, type EventStore } from './event-store/index.js';
import { HttpProblem, ReadRoute } from './http/index.js';
import { ProjectionStatusDto, RebuildStartedDto } from './operations.response.dto.js';
import { PROJECTION_RUNNER, type ProjectionRunner } from './read-store/index.js';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/projections')
export class AdminController {
  private readonly logger = new Logger('Admin');

  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @ReadRoute('', "Each projection's checkpoint, lag behind the head and state", ['admin'], {
    type: [ProjectionStatusDto],
  })
  async list(): Promise<ProjectionStatusDto[]> {
    const head = await this.store.headPosition();
    return this.runner.status().map((p) => ({ ...p, head, lag: Math.max(0, head - p.checkpoint) }));
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({ summary: 'Rebuild from zero into new tables, then swap; reads go on meanwhile' })
  @ApiAcceptedResponse({ type: RebuildStartedDto })
  rebuild(@Param('name') name: string): RebuildStartedDto {
    if (!this.runner.status().some((p) => p.name === name))
      throw new HttpProblem(404, 'PROJECTION.NOT_FOUND', `No projection named ${name}`);
    if (!this.runner.rebuildsHere) {
      throw new HttpProblem(409, 'PROJECTION.RUN_ELSEWHERE', 'This instance follows the projector; rebuild there');
    }
    if (this.runner.rebuildable(name) === false) {
      throw new HttpProblem(
        409,
        'PROJECTION.NOT_REBUILDABLE',
        `${name} is never rebuilt from the events (it guards them)`,
      );
    }
    void this.runner
      .rebuild(name)
      .catch((error: unknown) => this.logger.error(`Rebuild of ${name} failed: ${(error as Error).stack ?? error}`));
    return { name, state: 'rebuilding' };
  }
}
