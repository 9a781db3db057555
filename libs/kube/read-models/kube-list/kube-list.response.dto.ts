import { ApiProperty } from '@nestjs/swagger';

/** A group in the list: where, what, how it stands; how many members, never who (no personal data). */
export class KubeListItem {
  @ApiProperty({ format: 'uuid', example: '0b9a4f4e-3a52-4c1e-9d7e-0f3f3a1f6a10' }) id: string;
  @ApiProperty({ example: 'KUBE Melati' }) name: string;
  @ApiProperty({ example: 'catering' }) businessType: string;
  @ApiProperty({ example: 'Bekasi Utara' }) kecamatan: string;
  @ApiProperty({ example: 'Harapan Jaya' }) kelurahan: string;
  @ApiProperty({ format: 'date', example: '2026-02-01' }) formedOn: string;
  @ApiProperty({ enum: ['active', 'dissolved'], example: 'active' }) status: 'active' | 'dissolved';
  @ApiProperty({ type: String, format: 'date', nullable: true, example: null }) dissolvedOn: string | null;
  @ApiProperty({ description: 'Member households now (0 once dissolved)', example: 8 }) members: number;
  @ApiProperty({ description: 'Grants disbursed so far, integer rupiah', example: 15000000 }) grantsRupiah: number;
  @ApiProperty({ type: String, nullable: true, description: 'Latest period reported (YYYY-MM)', example: '2026-03' })
  lastReportedPeriod: string | null;
}

export class KubePage {
  @ApiProperty({ type: [KubeListItem], description: 'In the order the groups were formed' }) items: KubeListItem[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page; null on the last' })
  nextCursor: string | null;
}
