import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class KubeAreaDto {
  @ApiProperty() kecamatan: string;
  @ApiProperty() kelurahan: string;
}

/** A Kube group folded from its stream (now, or as it stood at `asOf`). */
export class KubeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Only when asked as of a time' }) asOf?: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Revision of the group stream (also the ETag)' })
  revision: number;
  @ApiProperty({ example: 'Kube Melati' }) name: string;
  @ApiProperty({ example: 'catering' }) businessType: string;
  @ApiProperty() kecamatan: string;
  @ApiProperty() kelurahan: string;
  @ApiProperty({ format: 'date' }) formedOn: string;
  @ApiProperty({ enum: ['none', 'active', 'dissolved'] }) status: 'none' | 'active' | 'dissolved';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) kubeId: string | null;
  @ApiProperty({ type: KubeAreaDto, nullable: true }) area: KubeAreaDto | null;
  @ApiProperty({ type: [String], description: 'Member household ids', maxItems: 500 }) members: string[];
  @ApiProperty({ type: [String], description: 'Household ids that left' }) formerMembers: string[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Rupiah granted in total' }) grants: number;
  @ApiProperty({ type: [String], description: 'Periods reported (YYYY-MM)' }) reportedPeriods: string[];
}
