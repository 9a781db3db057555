import { Module } from '@nestjs/common';
import { AuditController } from './audit.http.controller.js';

/**
 * Audit: the global feed for auditors, who did what (the actor index) and tamper evidence (the
 * hash chain). Its projections run with the others (libs/projections); this module serves them.
 */
@Module({ controllers: [AuditController] })
export class AuditModule {}
