export { PlatformModule, type PlatformOptions } from './platform.module.js';
export { openAdapters, type Adapters } from './adapters.js';
