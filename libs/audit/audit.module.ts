import { Module } from '@nestjs/common';
import { AccessLogController } from './access-log.http.controller.js';
import { AuditController } from './audit.http.controller.js';

/**
 * Audit: the global feed for auditors, who did what (the actor index) and tamper evidence (the
 * hash chain). Its projections run with the others (libs/projections); this module serves them,
 * and the access log the platform records (who looked at whose data).
 */
@Module({ controllers: [AuditController, AccessLogController] })
export class AuditModule {}
