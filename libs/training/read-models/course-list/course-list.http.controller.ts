import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CallerReach, Roles, type Reach } from '#libs/platform/auth/index.js';
import { CLOCK, type Clock } from '#libs/platform/clock.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { sendPage } from '#libs/platform/http/index.js';
import { ReadsFrom } from '#libs/platform/read-store/index.js';
import { courseListProjection } from './course-list.projection.js';
import { ListCoursesQuery } from './course-list.queries.js';
import { ListCoursesQueryDto } from './course-list.request.dto.js';
import { CoursePage } from './course-list.response.dto.js';

@ApiTags('training')
@ApiBearerAuth()
@Controller('trainings')
export class CourseListController {
  private readonly localDate: Intl.DateTimeFormat;

  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // en-CA writes dates as YYYY-MM-DD, the form courses' dates are stored in.
    this.localDate = new Intl.DateTimeFormat('en-CA', { timeZone: config.timeZone });
  }

  // The roles of GET /trainings/{id}: reporters count uptake in the programme outcomes instead.
  @Get()
  @ReadsFrom(courseListProjection.name)
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary: 'Courses of your area by kecamatan, kelurahan, kind, skill or status; cursor-paginated; Accept: text/csv',
    description:
      'Only courses of the areas you cover (auditors and admins: the city). Uptake as counts, never participants: no personal data. The CSV is the same page; its next cursor is in the X-Next-Cursor header.',
  })
  @ApiOkResponse({ type: CoursePage })
  async list(
    @Query() query: ListCoursesQueryDto,
    @CallerReach() reach: Reach,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CoursePage | string> {
    const today = this.localDate.format(this.clock.now());
    const page = await this.queryBus.execute(new ListCoursesQuery(query, reach, today));
    return sendPage(reply, accept, 'trainings', page, (course) => ({ ...course }));
  }
}
