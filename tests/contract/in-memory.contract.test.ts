import { InMemoryTracker } from '../../src/adapters/memory/in-memory.tracker.js';
import { demoWorld } from '../../src/adapters/synthetic/demo-world.js';
import { describeIssueTrackerContract } from './issue-tracker.contract.js';

describeIssueTrackerContract('in-memory tracker', () => ({ tracker: new InMemoryTracker(demoWorld) }));
