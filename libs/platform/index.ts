export { PlatformModule, type PlatformOptions, type CommandServices } from './platform.module.js';
export { openAdapters, type Adapters } from './adapters.js';
