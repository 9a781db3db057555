import { ApiProperty } from '@nestjs/swagger';
import { REFERRAL_REASONS, REFERRAL_SERVICES } from '#libs/reference-data/index.js';
import { REFERRAL_REJECTIONS } from '../../domain/index.js';

/** A referral in the list: codes, dates and staff; never the member or the notes. */
export class ReferralListItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) householdId: string;
  @ApiProperty({ example: 'Bekasi Utara' }) kecamatan: string;
  @ApiProperty({ example: 'Harapan Jaya' }) kelurahan: string;
  @ApiProperty({ type: String, nullable: true, description: "The household's caseworker when referred" })
  caseworkerId: string | null;
  @ApiProperty({ description: 'Staff id of the referrer' }) referredBy: string;
  @ApiProperty({ enum: REFERRAL_SERVICES }) service: string;
  @ApiProperty({ enum: REFERRAL_REASONS }) reason: string;
  @ApiProperty({ description: 'A member was referred, not the whole household' }) memberReferred: boolean;
  @ApiProperty({ enum: ['pending', 'accepted', 'rejected', 'done', 'revoked'] }) status: string;
  @ApiProperty({ format: 'date' }) referredOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) answeredOn: string | null;
  @ApiProperty({ type: String, enum: REFERRAL_REJECTIONS, nullable: true }) rejection: string | null;
}

export class ReferralPage {
  @ApiProperty({ type: [ReferralListItem], description: 'In the order the referrals were made' })
  items: ReferralListItem[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page; null on the last' })
  nextCursor: string | null;
}
