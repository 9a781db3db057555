import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { AreaPageQueryDto } from '#libs/platform/http/index.js';

export const KUBE_STATUSES = ['active', 'dissolved'] as const;

export class ListKubesQueryDto extends AreaPageQueryDto {
  @ApiPropertyOptional({ enum: KUBE_STATUSES })
  @IsOptional()
  @IsIn(KUBE_STATUSES)
  status?: (typeof KUBE_STATUSES)[number];

  @ApiPropertyOptional({ example: 'catering', description: 'Kind of business, as the group was formed with' })
  @IsOptional()
  @IsString()
  @Length(2, 60)
  businessType?: string;
}
