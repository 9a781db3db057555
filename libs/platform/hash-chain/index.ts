export { canonicalJson, CANONICAL_JSON_SCRIPT } from './canonical-json.js';
export { chainDigest, chainDigestOfText, GENESIS_HASH } from './hash-chain.js';
