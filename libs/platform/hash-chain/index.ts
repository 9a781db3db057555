export { canonicalJson } from './canonical-json.js';
export { chainDigest, GENESIS_HASH } from './hash-chain.js';
