import { domainFailure } from '../support/failure.js';
import { describe, expect, it } from 'vitest';
import { HmacConfirmationSigner } from '../../src/adapters/crypto/hmac-confirmation.signer.js';
import { AudienceSigner } from '../../src/adapters/crypto/audience.signer.js';
import { InMemoryTracker } from '../../src/adapters/memory/in-memory.tracker.js';
import { InProcessConfirmationLedger } from '../../src/adapters/process/in-process-confirmation-ledger.js';
import type { DomainError } from '../../src/domain/errors.js';
import { DeleteIssue } from '../../src/domain/triage/delete-issue.use-case.js';
import { TriageIssue } from '../../src/domain/triage/triage-issue.use-case.js';
import { presentDeleteIssue } from '../../src/mcp/present/delete-issue.present.js';
import { presentError } from '../../src/mcp/present/present-error.js';
import { repo as ref } from '../support/builders.js';
import { DEMO, demoWorld } from '../../src/adapters/synthetic/demo-world.js';

const T0 = Date.parse('2026-11-21T09:00:00Z');
const SECRET = 'a-shared-secret-of-32-characters!';
const caught = domainFailure;

function setup() {
  const clock = { t: T0, now() { return this.t; } };
  const tracker = new InMemoryTracker(demoWorld, { now: () => clock.t });
  const signer = new HmacConfirmationSigner(SECRET);
  const ledger = new InProcessConfirmationLedger(clock);
  const del = new DeleteIssue(tracker, signer, clock, ledger);
  const exists = (repo: string, n: number) => tracker.state.repos.find((r) => `${r.owner}/${r.name}` === repo)!.items.some((i) => i.number === n);
  const preview = async (repo = 'acme/widgets', number: number = DEMO.deleteIssue) => {
    const r = await del.execute({ repo: ref(repo), number, confirm: false });
    if (r.kind !== 'preview') throw new Error('no preview');
    return r.token;
  };
  return { clock, tracker, signer, ledger, del, exists, preview };
}

/** The first line (what happened) of the error a user sees. */
const what = (e: unknown) => presentError(e, { tool: 'delete_issue' }).split('\n')[0];

describe('DeleteIssue: preview', () => {
  it('changes nothing and shows what would be lost, the permission needed and exactly how to confirm', async () => {
    const { del, tracker, exists } = setup();
    const r = await del.execute({ repo: ref('acme/widgets'), number: 12, confirm: false });
    expect(tracker.calls).toEqual(['getIssueForChange']);
    expect(exists('acme/widgets', 12)).toBe(true);
    if (r.kind !== 'preview') throw new Error('no preview');
    const lines = presentDeleteIssue(r, T0).split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'PREVIEW, nothing was changed. Delete acme/widgets#12?',
      'title: Export drops rows past 10,000',
      'state: open · author: mara-k · opened 2026-09-28 (54d ago) · last update 40h ago',
      'comments: 42 comments · labels: bug, performance · assignees: octo-dev',
      'linked PRs: #57 open "Stream CSV export in chunks" (would close it)',
      'Deletion is permanent and cannot be undone; requires admin rights on the repository (your permission there: admin).',
    ]);
    expect(lines[6]).toBe('To delete, after the user has agreed, call delete_issue within 5 minutes (token expires 2026-11-21 09:05:00 UTC) with exactly:');
    expect(JSON.parse(lines[7]!)).toEqual({ repo: 'acme/widgets', number: 12, confirm: true, confirmation_token: r.token });
  });

  it('warns in the preview when the viewer is not an admin', async () => {
    const { del } = setup();
    const r = await del.execute({ repo: ref('acme/gadgets'), number: DEMO.gadgetsIssue, confirm: false });
    expect(presentDeleteIssue(r, T0)).toContain('requires admin rights on the repository (your permission there: write, so GitHub will refuse).');
  });
});

describe('DeleteIssue: confirmation', () => {
  it('deletes with the preview\'s token: re-read, then delete; a second confirm says it is already gone', async () => {
    const { del, tracker, exists, preview } = setup();
    const token = await preview();
    const r = await del.execute({ repo: ref('acme/widgets'), number: DEMO.deleteIssue, confirm: true, confirmationToken: token });
    expect(r.kind).toBe('deleted');
    expect(tracker.calls).toEqual(['getIssueForChange', 'getIssueForChange', 'deleteIssue']);
    expect(exists('acme/widgets', DEMO.deleteIssue)).toBe(false);
    const again = await caught(del.execute({ repo: ref('acme/widgets'), number: DEMO.deleteIssue, confirm: true, confirmationToken: token }));
    expect(again.problem).toEqual({ kind: 'AlreadyDeleted', repo: 'acme/widgets', number: 22 });
    expect(what(again)).toBe('acme/widgets#22 is already gone; this call deleted nothing.');
    expect(tracker.calls.filter((c) => c === 'deleteIssue')).toHaveLength(1);
  });

  type Case = [string, (s: ReturnType<typeof setup>, token: string) => Promise<{ repo: string; number: number; token?: string }>, string];
  const cases: Case[] = [
    ['a missing token', async (_s, _t) => ({ repo: 'acme/widgets', number: 22 }), 'acme/widgets#22 was not deleted: confirm: true needs the confirmation_token from a preview.'],
    [
      'a token for another issue',
      async (s) => ({ repo: 'acme/widgets', number: 22, token: await s.preview('acme/widgets', 12) }),
      'acme/widgets#22 was not deleted: the confirmation token was issued for acme/widgets#12, not for acme/widgets#22.',
    ],
    [
      'a token for the same number in another repository',
      async (s) => ({ repo: 'acme/gadgets', number: 7, token: await s.preview('acme/widgets', 7) }),
      'acme/gadgets#7 was not deleted: the confirmation token was issued for acme/widgets#7, not for acme/gadgets#7.',
    ],
    [
      'an expired token',
      async (s, t) => {
        s.clock.t = T0 + 5 * 60_000;
        return { repo: 'acme/widgets', number: 22, token: t };
      },
      'acme/widgets#22 was not deleted: the confirmation token expired at 2026-11-21 09:05 UTC.',
    ],
    [
      'a token with its claims edited (forged)',
      async (_s, t) => {
        const [p, body, sig] = t.split('.');
        const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, unknown>;
        claims.expiresAt = T0 + 365 * 86_400_000;
        return { repo: 'acme/widgets', number: 22, token: [p, Buffer.from(JSON.stringify(claims)).toString('base64url'), sig].join('.') };
      },
      'acme/widgets#22 was not deleted: the confirmation_token is not one this server issued (it was altered or cut, or comes from another server instance).',
    ],
    [
      'a cut token',
      async (_s, t) => ({ repo: 'acme/widgets', number: 22, token: t.slice(0, -3) }),
      'acme/widgets#22 was not deleted: the confirmation_token is not one this server issued (it was altered or cut, or comes from another server instance).',
    ],
    [
      'a token from a server with another secret',
      async (s) => {
        const other = new DeleteIssue(s.tracker, new HmacConfirmationSigner(undefined), s.clock, s.ledger);
        const r = await other.execute({ repo: ref('acme/widgets'), number: 22, confirm: false });
        return { repo: 'acme/widgets', number: 22, token: r.kind === 'preview' ? r.token : '' };
      },
      'acme/widgets#22 was not deleted: the confirmation_token is not one this server issued (it was altered or cut, or comes from another server instance).',
    ],
    [
      'an issue that changed since the preview',
      async (s, t) => {
        s.clock.t = T0 + 60_000;
        await new TriageIssue(s.tracker).execute({ repo: ref('acme/widgets'), number: 22, comment: 'Fixed the typo in my head, not in the repo.' });
        return { repo: 'acme/widgets', number: 22, token: t };
      },
      'acme/widgets#22 was not deleted: it changed after the preview (last update now 2026-11-21 09:01 UTC, previewed at 2026-08-25 08:03 UTC).',
    ],
  ];

  it.each(cases)('refuses %s, deleting nothing', async (_name, arrange, message) => {
    const s = setup();
    const token = await s.preview();
    const { repo, number, token: given } = await arrange(s, token);
    const e = await caught(s.del.execute({ repo: ref(repo), number, confirm: true, confirmationToken: given }));
    expect(e.problem).toMatchObject({ kind: 'ConfirmationRejected', repo, number });
    expect(what(e)).toBe(message);
    expect(s.tracker.calls).not.toContain('deleteIssue');
    expect(s.exists('acme/widgets', 22)).toBe(true);
    expect(s.exists('acme/gadgets', 7)).toBe(true);
  });

  it('accepts a token up to the last millisecond before expiry', async () => {
    const s = setup();
    const token = await s.preview();
    s.clock.t = T0 + 5 * 60_000 - 1;
    expect((await s.del.execute({ repo: ref('acme/widgets'), number: 22, confirm: true, confirmationToken: token })).kind).toBe('deleted');
  });

  it('gives the real reason when GitHub refuses for lack of admin rights, and what to do instead', async () => {
    const s = setup();
    const token = await s.preview('acme/gadgets', 7);
    const e = await caught(s.del.execute({ repo: ref('acme/gadgets'), number: 7, confirm: true, confirmationToken: token }));
    expect(e.problem).toMatchObject({ kind: 'PermissionDenied', repo: 'acme/gadgets', deletion: { number: 7, viewerPermission: 'write' } });
    expect(presentError(e, { tool: 'delete_issue' }).split('\n')).toEqual([
      "GitHub refused to delete acme/gadgets#7: deleting an issue requires admin rights on the repository (the token's owner has write). Nothing was deleted.",
      'Why: Only repository admins and organization owners can delete issues; a fine-grained token also needs Issues: Read and write on the repository. GitHub said: "octo-dev does not have the correct permissions to execute `DeleteIssue`"',
      'Next: Ask a repository admin to delete it, or close it instead (reversible): triage_issue {"repo": "acme/gadgets", "number": 7, "state": "closed", "state_reason": "not_planned"}.',
    ]);
    expect(s.exists('acme/gadgets', 7)).toBe(true);
  });
});

describe('HmacConfirmationSigner', () => {
  it('round-trips a payload and rejects any change to it or its signature', () => {
    const signer = new HmacConfirmationSigner(SECRET);
    const token = signer.sign('{"a":1}');
    expect(signer.verify(token)).toBe('{"a":1}');
    expect(new HmacConfirmationSigner(SECRET).verify(token)).toBe('{"a":1}'); // a replica with the same secret
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      expect(signer.verify(flip(token, i)), `changed at ${i}`).toBeNull();
    }
    expect(signer.verify('')).toBeNull();
    expect(signer.verify('not.a.token')).toBeNull();
  });
});

describe('DeleteIssue: a confirmation acts once', () => {
  it('three concurrent confirms with one token: one deletion, the others are told it is under way', async () => {
    const s = setup();
    const token = await s.preview();
    const confirm = () => s.del.execute({ repo: ref('acme/widgets'), number: DEMO.deleteIssue, confirm: true, confirmationToken: token });
    const results = await Promise.allSettled([confirm(), confirm(), confirm()]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(results.slice(1).map((r) => (r.status === 'rejected' ? what(r.reason) : ''))).toEqual([
      'acme/widgets#22 was not deleted by this call: another call is deleting it right now.',
      'acme/widgets#22 was not deleted by this call: another call is deleting it right now.',
    ]);
    expect(s.tracker.calls.filter((c) => c === 'deleteIssue')).toHaveLength(1);
    expect(s.exists('acme/widgets', DEMO.deleteIssue)).toBe(false);
  });

  it('the same token again after the deletion: already gone, without asking GitHub', async () => {
    const s = setup();
    const token = await s.preview();
    await s.del.execute({ repo: ref('acme/widgets'), number: DEMO.deleteIssue, confirm: true, confirmationToken: token });
    const before = s.tracker.calls.length;
    const e = await caught(s.del.execute({ repo: ref('acme/widgets'), number: DEMO.deleteIssue, confirm: true, confirmationToken: token }));
    expect(what(e)).toBe('acme/widgets#22 is already gone; this call deleted nothing.');
    expect(s.tracker.calls.length).toBe(before);
  });

  it('a token whose deletion failed is spent: it never deletes on a second try', async () => {
    const s = setup();
    const token = await s.preview('acme/gadgets', DEMO.gadgetsIssue);
    const first = await caught(s.del.execute({ repo: ref('acme/gadgets'), number: DEMO.gadgetsIssue, confirm: true, confirmationToken: token }));
    expect(first.problem.kind).toBe('PermissionDenied');
    const second = await caught(s.del.execute({ repo: ref('acme/gadgets'), number: DEMO.gadgetsIssue, confirm: true, confirmationToken: token }));
    expect(what(second)).toBe('acme/gadgets#7 was not deleted: this confirmation token was already used by an earlier call, whose deletion failed.');
    expect(s.tracker.calls.filter((c) => c === 'deleteIssue')).toHaveLength(1);
  });

  it('a check that failed before any write gives the token back', async () => {
    const s = setup();
    const token = await s.preview();
    s.clock.t += 1000;
    await new TriageIssue(s.tracker).execute({ repo: ref('acme/widgets'), number: DEMO.deleteIssue, comment: 'touch' });
    const changed = await caught(s.del.execute({ repo: ref('acme/widgets'), number: DEMO.deleteIssue, confirm: true, confirmationToken: token }));
    expect(what(changed)).toMatch(/^acme\/widgets#22 was not deleted: it changed after the preview/);
    // Nothing was written, so the token is not spent: the same answer again, not "already used".
    const again = await caught(s.del.execute({ repo: ref('acme/widgets'), number: DEMO.deleteIssue, confirm: true, confirmationToken: token }));
    expect(what(again)).toMatch(/^acme\/widgets#22 was not deleted: it changed after the preview/);
  });
});

describe('DeleteIssue: confirmations on a shared server are bound to their client', () => {
  const bound = (signer: HmacConfirmationSigner, client?: string) => (client === undefined ? signer : new AudienceSigner(signer, client));
  const deleter = (s: ReturnType<typeof setup>, client?: string) => new DeleteIssue(s.tracker, bound(s.signer, client), s.clock, s.ledger);
  const previewFor = async (del: DeleteIssue) => {
    const r = await del.execute({ repo: ref('acme/widgets'), number: DEMO.deleteIssue, confirm: false });
    if (r.kind !== 'preview') throw new Error('no preview');
    return r.token;
  };
  const confirm = (del: DeleteIssue, token: string) => del.execute({ repo: ref('acme/widgets'), number: DEMO.deleteIssue, confirm: true, confirmationToken: token });

  it.each([
    ['alice', 'bob'],
    ['alice', undefined],
    [undefined, 'bob'],
  ])("a token issued to %s is refused to %s, and nothing is deleted", async (from, to) => {
    const s = setup();
    const token = await previewFor(deleter(s, from));
    const e = await caught(confirm(deleter(s, to), token));
    expect((e as DomainError).problem).toEqual({ kind: 'ConfirmationRejected', repo: 'acme/widgets', number: DEMO.deleteIssue, reason: 'other-client' });
    expect(what(e)).toBe(`acme/widgets#${DEMO.deleteIssue} was not deleted: the confirmation token was issued to another client of this server, not to this one.`);
    expect(s.exists('acme/widgets', DEMO.deleteIssue)).toBe(true);
  });

  it('its own client confirms it', async () => {
    const s = setup();
    const token = await previewFor(deleter(s, 'alice'));
    expect((await confirm(deleter(s, 'alice'), token)).kind).toBe('deleted');
  });
});
