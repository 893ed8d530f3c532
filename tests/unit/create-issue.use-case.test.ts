import { describe, expect, it } from 'vitest';
import { InMemoryTracker } from '../../src/adapters/memory/in-memory.tracker.js';
import { demoWorld } from '../../src/adapters/synthetic/demo-world.js';
import { CreateIssue, lookAlikes, titleWords } from '../../src/domain/triage/create-issue.use-case.js';
import { domainFailure } from '../support/failure.js';
import { repo } from '../support/builders.js';

const widgets = repo('acme/widgets');
const setup = () => {
  const tracker = new InMemoryTracker(structuredClone(demoWorld), { now: () => Date.parse('2026-11-21T09:00:00Z') });
  return { tracker, create: new CreateIssue(tracker) };
};

describe('the words searched for look-alikes', () => {
  it('keeps the 5 longest telling words, in title order, without common words, punctuation or bare numbers', () => {
    expect(titleWords('CSV export drops rows past 10,000 again')).toEqual(['export', 'drops', 'rows', 'past', 'again']);
    expect(titleWords('Why is the "Save" button grey?')).toEqual(['save', 'button', 'grey']);
    expect(titleWords('It is to be')).toEqual([]);
  });

  it('a look-alike shares two of the words (or the only one), most shared first, at most 3, never the new issue', () => {
    const found = [
      { number: 1, title: 'Export is slow', url: 'u1' },
      { number: 2, title: 'Export drops rows', url: 'u2' },
      { number: 3, title: 'Rows vanish on export', url: 'u3' },
      { number: 9, title: 'Export drops rows again', url: 'u9' },
      { number: 4, title: 'Export drops rows in CSV', url: 'u4' },
      { number: 5, title: 'Drops rows when exporting', url: 'u5' },
    ];
    expect(lookAlikes(['export', 'drops', 'rows'], found, 9).map((f) => f.number)).toEqual([2, 4, 3]);
    expect(lookAlikes(['export'], found, 9).map((f) => f.number)).toEqual([1, 2, 3]);
    expect(lookAlikes([], found, 9)).toEqual([]);
  });
});

describe('CreateIssue', () => {
  it('a blank title is refused before anything is asked', async () => {
    const { tracker, create } = setup();
    expect((await domainFailure(create.execute({ repo: widgets, title: '   ' }))).problem).toEqual({ kind: 'InvalidInput', field: 'title', rule: 'empty' });
    expect(tracker.calls).toEqual([]);
  });

  it('one read, then one write; nothing written when a name is wrong', async () => {
    const { tracker, create } = setup();
    expect((await domainFailure(create.execute({ repo: widgets, title: 'Thing', labels: ['nope'] }))).problem.kind).toBe('CreateNamesUnknown');
    expect(tracker.calls).toEqual(['lookupForCreate']);
    const r = await create.execute({ repo: widgets, title: 'Thing', labels: ['bug', 'Bug'], assignees: ['@alice', 'alice'] });
    expect(tracker.calls).toEqual(['lookupForCreate', 'lookupForCreate', 'createIssue']);
    expect(r.created).toEqual({ number: 64, url: 'https://github.com/acme/widgets/issues/64', title: 'Thing', labels: ['bug'], assignees: ['alice'], milestone: null });
    expect(r.requests).toBe(2);
  });
});
