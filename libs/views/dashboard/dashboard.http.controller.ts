import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '#libs/platform/auth/index.js';

/** The project's `dashboard/` folder, found upward from this file (it runs from libs/ and from dist/). */
function dashboardDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'dashboard', 'index.html'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('The dashboard/ folder was not found above the application');
    dir = parent;
  }
  return join(dir, 'dashboard');
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };

/**
 * The dashboard page and its assets, served from this process (no CDN): the page, its script
 * and style, and Apache ECharts from the installed package. Public, like /docs: the page holds
 * no data; it reads the report endpoints with the token the user pastes.
 */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardController {
  private readonly files: Map<string, { type: string; body: Buffer }>;

  constructor() {
    const dir = dashboardDir();
    const echarts = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');
    const paths: Record<string, string> = {
      'index.html': join(dir, 'index.html'),
      'dashboard.js': join(dir, 'dashboard.js'),
      'dashboard.css': join(dir, 'dashboard.css'),
      'echarts.min.js': echarts,
    };
    this.files = new Map(
      Object.entries(paths).map(([name, path]) => [
        name,
        { type: TYPES[name.slice(name.lastIndexOf('.')) as keyof typeof TYPES], body: readFileSync(path) },
      ]),
    );
  }

  @Get()
  @Header('cache-control', 'no-cache')
  page(@Res() reply: FastifyReply) {
    this.send(reply, 'index.html');
  }

  @Get(':asset')
  @Header('cache-control', 'no-cache')
  asset(@Param('asset') asset: string, @Res() reply: FastifyReply) {
    this.send(reply, asset);
  }

  private send(reply: FastifyReply, name: string) {
    const file = this.files.get(name);
    if (!file) throw new NotFoundException();
    void reply.header('content-type', file.type).send(file.body);
  }
}
