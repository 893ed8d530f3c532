// `node --import ./tests/support/record-loads.mjs dist/index.js`: appends the URL of every module
// the process loads (our bundle's chunks, ESM packages) to the file named by RECORD_LOADS_TO, one
// a line, as it loads. tests/protocol/lazy-loading.protocol.test.ts reads it.
import { register } from 'node:module';

const file = process.env.RECORD_LOADS_TO;
if (file) register(new URL('./record-loads.hooks.mjs', import.meta.url), { data: { file } });
