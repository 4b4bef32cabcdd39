// A repository that refuses restic's credentials, told from what restic prints. Retrying does
// not fix a wrong key (restic 0.14 retries a refused request ten times, about 45 s, once the
// repository is open), so the store stops restic at the first refusal and says so in one line.

/** restic's repository refused its credentials: never a sign that the repository is absent. */
export class CredentialsRefused extends Error {}

/** The servers' own words for a key, secret, token or permission they refuse. */
const REFUSALS: RegExp[] = [
  /The AWS Access Key Id you provided does not exist in our records\.?/i,
  /The request signature we calculated does not match the signature you provided\.?(?: Check your key and signing method\.?)?/i,
  /\bInvalidAccessKeyId\b/,
  /\bSignatureDoesNotMatch\b/,
  /\bAccess ?Denied\.?/i,
  /The provided token (?:is malformed or otherwise invalid|has expired)\.?/i,
  /The security token included in the request is (?:invalid|expired)\.?/i,
  /\bExpiredToken\b|\bInvalidToken\b/,
  /\b401 Unauthorized\b/,
  /\b403 Forbidden\b/,
];

/** The server's reason when `output` (restic's stderr) shows a refusal, else undefined. */
export function credentialRefusal(output: string): string | undefined {
  for (const line of output.split(/\r?\n/)) {
    if (!REFUSALS.some((r) => r.test(line))) continue;
    // restic's own framing before the server's words: "Fatal: unable to open config file: Stat: ",
    // "List(key) returned error, retrying after 1.2s: ", "client.BucketExists: ", one after another.
    let reason = line.replace(/^Fatal:\s*/, '').trim();
    for (let before = ''; before !== reason;) {
      before = reason;
      reason = reason.replace(/^.*?(?:retrying after [^:]+|Stat|Load\([^)]*\)|Save\([^)]*\)|List\([^)]*\)|client\.\w+):\s*/, '');
    }
    return reason || line.trim();
  }
  return undefined;
}

/** Whether restic printed a retry of a refused request: then waiting on restic is pointless. */
export function refusedRetry(chunk: string): string | undefined {
  const retries = chunk.split(/\r?\n/).filter((l) => /returned error, retrying after/.test(l));
  return retries.length > 0 ? credentialRefusal(retries.join('\n')) : undefined;
}
