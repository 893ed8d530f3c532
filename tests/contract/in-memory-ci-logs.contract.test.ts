import { InMemoryCiLogs } from '../../src/adapters/memory/in-memory.ci-logs.js';
import { DEMO_JOBS } from '../../src/adapters/synthetic/demo-ci.js';
import { demoWorld } from '../../src/adapters/synthetic/demo-world.js';
import { describeCiLogsContract } from './ci-logs.contract.js';

describeCiLogsContract('in-memory CI logs', () => ({ ci: new InMemoryCiLogs(demoWorld, DEMO_JOBS) }));
