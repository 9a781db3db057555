export * from './kube.events.js';
export * from './kube.decider.js';
export * from './kube.privacy.js';
