/** Turns `--profile | --email | --user-id` flags into one privacy subject, and names the CLI user for logs. */
import { userInfo } from 'node:os';
import { SegmintError } from '../../errors.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { privacySubjectSchema, type PrivacySubject } from '../../schema/privacy.ts';

export interface SubjectFlags {
  profile?: string;
  email?: string;
  userId?: string;
}

export function subjectFromFlags(flags: SubjectFlags): PrivacySubject {
  const given = [
    flags.profile === undefined ? null : { profileId: flags.profile },
    flags.email === undefined ? null : { email: flags.email },
    flags.userId === undefined ? null : { userId: flags.userId },
  ].filter((subject) => subject !== null);
  if (given.length !== 1)
    throw new SegmintError(
      'invalid_input',
      'Name the person with exactly one of --profile ID, --email E or --user-id U.',
    );
  return parseOrThrow(privacySubjectSchema, given[0], 'subject');
}

/** Who ran a command, for the request log and the audit log (the CLI has no API key). */
export function cliActorName(): string {
  return `cli:${process.env.USER ?? userInfo().username}`;
}
