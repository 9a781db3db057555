export * from './kube.events.js';
export * from './kube.decider.js';
