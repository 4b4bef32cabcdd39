// Refused credentials told from restic's own output (restic 0.14 against S3 and its REST server),
// with restic's framing taken off; other failures are not refusals.
import { describe, expect, it } from 'vitest';
import { credentialRefusal, refusedRetry } from '../../../src/tools/snapshot/restic-refusal.js';

const where = 'Is there a repository at the following location?\ns3:http://127.0.0.1:9000/b/r\n';

describe('credentialRefusal', () => {
  it.each<[string, string | undefined]>([
    [`Fatal: unable to open config file: Stat: The AWS Access Key Id you provided does not exist in our records.\n${where}`, 'The AWS Access Key Id you provided does not exist in our records.'],
    [`Fatal: unable to open config file: Stat: The request signature we calculated does not match the signature you provided. Check your key and signing method.\n${where}`,
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.'],
    [`Fatal: unable to open config file: Stat: Access Denied.\n${where}`, 'Access Denied.'],
    ['Fatal: create repository at s3:http://127.0.0.1:9000/b/r failed: client.BucketExists: Access Denied.\n', 'Access Denied.'],
    ['Save(<data/1234abcd>) returned error, retrying after 552.330144ms: Access Denied.\n', 'Access Denied.'],
    ['Save(<lock/5a1c>) returned error, retrying after 720.1ms: client.PutObject: Access Denied\n', 'Access Denied'],
    ['Fatal: unable to open config file: Stat: The provided token has expired.\n', 'The provided token has expired.'],
    ['Fatal: unable to open config file: unexpected HTTP response (401): 401 Unauthorized\n', 'unable to open config file: unexpected HTTP response (401): 401 Unauthorized'],
    // Not refusals: an absent repository, a network failure, a wrong repository password.
    [`Fatal: unable to open config file: Stat: The specified key does not exist.\n${where}`, undefined],
    [`Fatal: unable to open config file: Stat: stat /srv/repo/config: no such file or directory\n${where}`, undefined],
    ['Fatal: unable to open config file: Stat: Head "http://127.0.0.1:9/b/r/config": dial tcp 127.0.0.1:9: connect: connection refused\n', undefined],
    ['Fatal: wrong password or no key found\n', undefined],
    ['open /srv/repo/keys: permission denied\n', undefined],
  ])('%j', (output, reason) => {
    expect(credentialRefusal(output)).toBe(reason);
  });
});

describe('refusedRetry', () => {
  it('is the refusal once restic retries a refused request, and nothing for other retries or fatal lines', () => {
    expect(refusedRetry('List(key) returned error, retrying after 1.08s: The request signature we calculated does not match the signature you provided.\n'))
      .toBe('The request signature we calculated does not match the signature you provided.');
    expect(refusedRetry('Load(<data/ab>, 0, 0) returned error, retrying after 720ms: unexpected EOF\n')).toBeUndefined();
    expect(refusedRetry('Fatal: unable to open config file: Stat: Access Denied.\n')).toBeUndefined();
  });
});
