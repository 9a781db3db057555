/** The Kube capability's public surface. */
export { KubeModule } from './kube.module.js';
export { kubeStream, KUBE_CATEGORY } from './kube-streams.js';
export { KUBE_EVENT_TYPES, type KubeEvent, type KubeCommand } from './domain/index.js';
export { KubeCommandHandler } from './commands/kube.command-handler.js';
export { KubeDirectory, type KubeRecord } from './kube-directory.js';
export { KUBE_PRIVACY } from './domain/index.js';
