import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { countTokens } from '@anthropic-ai/tokenizer';
const t = new StdioClientTransport({ command: process.execPath, args: ['dist/index.js', '--demo'], env: { PATH: process.env.PATH }, stderr: 'ignore' });
const c = new Client({ name: 'x', version: '0' }); await c.connect(t);
for (const [n, a] of JSON.parse(process.argv[2])) { const r = await c.callTool({ name: n, arguments: a }); const s = r.content[0].text; console.log('=====', n, countTokens(s)); console.log(s); }
await c.close();
