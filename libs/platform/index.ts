export { PlatformModule, type PlatformOptions, type CommandServices } from './platform.module.js';
export { openAdapters, type Adapters, type AdapterOptions } from './adapters.js';
export { CLOCK, ReceiptClock, systemClock, type Clock } from './clock.js';
