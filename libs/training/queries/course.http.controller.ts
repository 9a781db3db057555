import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { Roles } from '#libs/platform/auth/index.js';
import { AsOfQueryDto, UuidParamPipe } from '#libs/platform/http/index.js';
import { GetCourseQuery } from './course.queries.js';

@ApiTags('training')
@ApiBearerAuth()
@Controller('trainings')
export class CourseController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/state')
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @PersonalData({
    households: (course: { participants: Record<string, { householdId: string }> }) =>
      Object.values(course.participants).map((p) => p.householdId),
  })
  @ApiOperation({ summary: 'The course as it stood at a time, replayed from the events recorded until then' })
  stateAsOf(@Param('id', UuidParamPipe) id: string, @Query() query: AsOfQueryDto) {
    return this.queryBus.execute(new GetCourseQuery(id, query.asOf ?? new Date().toISOString()));
  }

  @Get(':id')
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @PersonalData({
    households: (course: { participants: Record<string, { householdId: string }> }) =>
      Object.values(course.participants).map((p) => p.householdId),
  })
  @ApiOperation({ summary: 'The course with its participants and sessions held' })
  get(@Param('id', UuidParamPipe) id: string) {
    return this.queryBus.execute(new GetCourseQuery(id));
  }
}
