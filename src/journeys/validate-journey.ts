/**
 * Full validation of a journey definition before it is saved: the schema, the graph (./journey-graph.ts), and
 * what must exist in the store — the trigger's segment, segments a branch refers to, and every template a send
 * node names. `validateJourney` returns every problem (the dashboard shows them all); `requireValidJourney` throws
 * them as one `invalid_input` error.
 */
import { SegmintError, isSegmintError, type ErrorDetail } from '../errors.ts';
import { journeyDefinitionSchema, type JourneyDefinition } from '../schema/journey.ts';
import { compileSegment } from '../segments/compile/compile-segment.ts';
import { indexSegments, readSavedSegments } from '../segments/saved/saved-segment.ts';
import type { SqlExecutor } from '../store/store.ts';
import { branchDefinition } from './branch-condition.ts';
import { findGraphProblems } from './journey-graph.ts';
import { findJsonProblem } from '../schema/json.ts';

export type JourneyValidation =
  { ok: true; definition: JourneyDefinition } | { ok: false; problems: ErrorDetail[] };

export async function validateJourney(executor: SqlExecutor, input: unknown): Promise<JourneyValidation> {
  // Text the store cannot keep as sent (NUL, unpaired surrogates) or absurd nesting: refused before anything else.
  const unstorable = findJsonProblem(input);
  if (unstorable) {
    return {
      ok: false,
      problems: [{ path: unstorable.path.join('.') || 'journey', message: unstorable.message }],
    };
  }
  const parsed = journeyDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.') || 'journey',
        message: issue.message,
      })),
    };
  }
  const definition = parsed.data;
  const problems = [
    ...findGraphProblems(definition),
    ...(await findSegmentProblems(executor, definition)),
    ...(await findTemplateProblems(executor, definition)),
  ];
  return problems.length === 0 ? { ok: true, definition } : { ok: false, problems };
}

export async function requireValidJourney(executor: SqlExecutor, input: unknown): Promise<JourneyDefinition> {
  const result = await validateJourney(executor, input);
  if (result.ok) return result.definition;
  throw new SegmintError(
    'invalid_input',
    `Invalid journey: ${result.problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}. Fix the definition and submit it again.`,
    result.problems,
  );
}

async function findSegmentProblems(
  executor: SqlExecutor,
  definition: JourneyDefinition,
): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  const lookup = indexSegments(await readSavedSegments(executor));
  const { trigger } = definition;
  if ((trigger.type === 'segment_entered' || trigger.type === 'segment_exited') && !lookup(trigger.segment)) {
    problems.push({
      path: 'trigger.segment',
      message: `segment "${trigger.segment}" does not exist (create it with \`segmint segments create\`)`,
    });
  }
  if (definition.exit.leavesTriggerSegment && trigger.type !== 'segment_entered') {
    problems.push({
      path: 'exit.leavesTriggerSegment',
      message: 'needs a segment_entered trigger (there is no trigger segment to leave)',
    });
  }
  definition.nodes.forEach((node, index) => {
    if (node.type !== 'branch') return;
    const where = `nodes[${index}].condition`;
    try {
      compileSegment(branchDefinition(node), {
        dialect: executor.dialect,
        now: new Date(0),
        profileIds: [],
        resolveSegmentId: (nameOrId) => lookup(nameOrId)?.id,
      });
    } catch (error) {
      if (!isSegmintError(error)) throw error;
      problems.push({ path: where, message: `node "${node.id}": ${error.message}` });
    }
  });
  return problems;
}

async function findTemplateProblems(
  executor: SqlExecutor,
  definition: JourneyDefinition,
): Promise<ErrorDetail[]> {
  const sends = definition.nodes.flatMap((node, index) => (node.type === 'send' ? [{ node, index }] : []));
  if (sends.length === 0) return [];
  const rows = await executor.query<{ name: string; channel: string }>(
    'select name, channel from templates where archived_at is null and name in (select unnest($1::varchar[]))',
    [sends.map(({ node }) => node.template)],
  );
  const channelByName = new Map(rows.map((row) => [row.name, row.channel]));
  return sends.flatMap(({ node, index }): ErrorDetail[] => {
    const channel = channelByName.get(node.template);
    if (channel === undefined) {
      return [
        {
          path: `nodes[${index}].template`,
          message: `node "${node.id}" sends template "${node.template}", which does not exist (create it with \`segmint templates create\`)`,
        },
      ];
    }
    if (channel !== node.channel) {
      return [
        {
          path: `nodes[${index}].channel`,
          message: `node "${node.id}" sends on ${node.channel} but template "${node.template}" is for ${channel}`,
        },
      ];
    }
    return [];
  });
}
