#!/usr/bin/env node
// Writes the Tauri configuration a release is built with (merged over tauri.conf.json by
// `tauri build --config FILE`): update artifacts on, and the updater's public key and manifest
// address. A build from source has neither, so it has no updater. Used by the release workflow
// (the key from the repository secret TAURI_UPDATER_PUBKEY, the manifest of the latest GitHub
// release) and by scripts/test-update.sh (a key it generates, a server on 127.0.0.1).
//
// Usage: node scripts/release-config.mjs PUBKEY MANIFEST_URL > release.conf.json
//   PUBKEY: the contents of the .pub file `tauri signer generate` writes (base64).
//   MANIFEST_URL: https; http only for 127.0.0.1 (the test's own server).
import { argv, exit, stdout, stderr } from 'node:process';

const [pubkey, manifest] = argv.slice(2);
const fail = (why) => {
  stderr.write(`release-config: ${why}\nusage: node scripts/release-config.mjs PUBKEY MANIFEST_URL\n`);
  exit(2);
};
if (!pubkey || !manifest) fail('a public key and a manifest address are needed');
let decoded;
try {
  decoded = Buffer.from(pubkey.trim(), 'base64').toString('utf8');
} catch {
  fail('the public key is not base64');
}
if (!decoded.includes('minisign public key')) fail('the public key is not a minisign public key (the .pub file of `tauri signer generate`)');
let url;
try {
  url = new URL(manifest);
} catch {
  fail(`the manifest address is not a URL: ${manifest}`);
}
const local = url.protocol === 'http:' && url.hostname === '127.0.0.1';
if (url.protocol !== 'https:' && !local) fail(`the manifest address must be https: ${manifest}`);

const config = {
  bundle: { createUpdaterArtifacts: true },
  plugins: {
    updater: {
      pubkey: pubkey.trim(),
      endpoints: [url.href],
      // The signature names the version it was made for: a manifest that pairs a higher version
      // number with an older (genuinely signed) package is refused.
      requireSignedVersion: true,
      ...(local && { dangerousInsecureTransportProtocol: true }),
    },
  },
};
stdout.write(`${JSON.stringify(config, null, 2)}\n`);
