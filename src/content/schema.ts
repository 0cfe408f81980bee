// The roadmap file format. Every roadmap in roadmaps/*.yaml is parsed by this
// schema at start, so a broken file stops the bot with its path and reason
// instead of failing later in the middle of a learner's command.
import { z } from 'zod';
import { describePath } from './paths.ts';

/** Lower-case words joined by dashes: stable ids that are easy to type in chat. */
const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and dashes, e.g. "http-basics"');

const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const difficultySchema = z.enum(['beginner', 'intermediate', 'advanced']);

/**
 * What a quiz demands of the learner. Difficulty used to be a stage label
 * (issue 16); naming what the question asks makes it a property of the
 * question, and the loader derives `difficulty` from it.
 */
export const asksSchema = z.enum(['recall', 'apply', 'analyse']);

/** recall = remember a fact; apply = use it on a concrete case; analyse = weigh trade-offs or diagnose. */
export const ASKS_DIFFICULTY = { recall: 'beginner', apply: 'intermediate', analyse: 'advanced' } as const satisfies Record<
  z.infer<typeof asksSchema>,
  z.infer<typeof difficultySchema>
>;

const trackIds = z.array(id).min(1).optional();

export const resourceSchema = z.strictObject({
  title: nonEmpty,
  url: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }),
  /** Only learners on these tracks see it; absent means everyone. */
  tracks: trackIds,
});

const challengeBase = {
  id,
  prompt: nonEmpty,
  points: z.number().int().positive().max(1000).optional(),
  difficulty: difficultySchema.optional(),
  /** Only learners on these tracks get it; absent means everyone. */
  tracks: trackIds,
};

export const quizSchema = z
  .strictObject({
    ...challengeBase,
    type: z.literal('quiz'),
    /**
     * What the question asks: recall, apply or analyse. Optional so community
     * roadmaps written before it keep loading; when present it decides the
     * difficulty, and a `difficulty` that says otherwise is an error.
     */
    asks: asksSchema.optional(),
    /** Multiple choice: the options shown, and `answer` must be one of them. */
    choices: z.array(nonEmpty).min(2).max(5).optional(),
    answer: nonEmpty.optional(),
    /** Free text: any of these answers is accepted (case and spacing ignored). */
    accept: z.array(nonEmpty).min(1).optional(),
    explanation: nonEmpty,
  })
  .superRefine((quiz, ctx) => {
    if (quiz.asks && quiz.difficulty && ASKS_DIFFICULTY[quiz.asks] !== quiz.difficulty) {
      ctx.addIssue({
        code: 'custom',
        path: ['difficulty'],
        message: `"${quiz.difficulty}" disagrees with asks: ${quiz.asks} (which means ${ASKS_DIFFICULTY[quiz.asks]}); remove \`difficulty\`, it is derived from \`asks\``,
      });
    }
    if (quiz.choices) {
      if (quiz.accept) ctx.addIssue({ code: 'custom', path: ['accept'], message: 'use either choices+answer or accept, not both' });
      if (quiz.answer === undefined) {
        ctx.addIssue({ code: 'custom', path: ['answer'], message: 'a multiple-choice quiz needs `answer`, the text of the correct choice' });
      } else if (!quiz.choices.includes(quiz.answer)) {
        ctx.addIssue({ code: 'custom', path: ['answer'], message: `"${quiz.answer}" is not one of the choices` });
      }
      if (new Set(quiz.choices).size !== quiz.choices.length) {
        ctx.addIssue({ code: 'custom', path: ['choices'], message: 'choices must be different from each other' });
      }
    } else if (!quiz.accept) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a quiz needs either `choices` + `answer` or `accept`' });
    } else if (quiz.answer !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: '`answer` goes with `choices`; free-text quizzes list `accept`' });
    }
  });

export const taskSchema = z.strictObject({
  ...challengeBase,
  type: z.literal('task'),
  /** What a mentor checks before approving. */
  criteria: z.array(nonEmpty).min(1),
  /** What the learner hands in. */
  submission: z.enum(['link', 'text', 'any']).default('any'),
  /**
   * Estimated hours of work, practice included. Tasks over 2 hours are
   * projects and never come up as the daily challenge (see catalog.ts).
   * Optional so community roadmaps without estimates keep loading.
   */
  hours: z.number().positive().max(500).optional(),
});

export const challengeSchema = z.discriminatedUnion('type', [quizSchema, taskSchema]);

export const topicSchema = z.strictObject({
  id,
  title: nonEmpty,
  summary: nonEmpty,
  /** Estimated hours of study, so pace can be shown. */
  hours: z.number().positive().max(500).optional(),
  resources: z.array(resourceSchema).min(1),
  challenges: z.array(challengeSchema).default([]),
});

export const stageSchema = z.strictObject({
  id,
  title: nonEmpty,
  description: z.string().optional(),
  topics: z.array(topicSchema).min(1),
});

export const trackSchema = z.strictObject({ id, title: nonEmpty });

export const roadmapSchema = z
  .strictObject({
    id,
    title: nonEmpty,
    description: nonEmpty,
    tracks: z.array(trackSchema).default([]),
    stages: z.array(stageSchema).min(1),
  })
  .superRefine((roadmap, ctx) => {
    // Ids are typed by learners (`/roadmap done <topic>`), so they must be
    // unique across the whole roadmap, not just inside their stage.
    const seen = new Map<string, string>();
    const claim = (value: string, path: (string | number)[]) => {
      const where = describePath(roadmap, path);
      const first = seen.get(value);
      if (first) ctx.addIssue({ code: 'custom', path, message: `id "${value}" is already used at ${first}` });
      else seen.set(value, where);
    };
    const tracks = new Set(roadmap.tracks.map((t) => t.id));
    const checkTracks = (list: string[] | undefined, path: (string | number)[]) => {
      for (const [i, t] of (list ?? []).entries()) {
        if (!tracks.has(t)) {
          ctx.addIssue({ code: 'custom', path: [...path, i], message: `unknown track "${t}"; declare it under \`tracks\`` });
        }
      }
    };
    roadmap.stages.forEach((stage, s) => {
      claim(stage.id, ['stages', s, 'id']);
      stage.topics.forEach((topic, t) => {
        const at = ['stages', s, 'topics', t];
        claim(topic.id, [...at, 'id']);
        topic.resources.forEach((r, i) => checkTracks(r.tracks, [...at, 'resources', i, 'tracks']));
        topic.challenges.forEach((c, i) => {
          claim(c.id, [...at, 'challenges', i, 'id']);
          checkTracks(c.tracks, [...at, 'challenges', i, 'tracks']);
        });
      });
    });
  });

export type RoadmapFile = z.infer<typeof roadmapSchema>;
export type Stage = z.infer<typeof stageSchema>;
export type Topic = z.infer<typeof topicSchema>;
export type Resource = z.infer<typeof resourceSchema>;
export type Challenge = z.infer<typeof challengeSchema>;
export type Quiz = z.infer<typeof quizSchema>;
export type Task = z.infer<typeof taskSchema>;
export type Difficulty = z.infer<typeof difficultySchema>;
export type Asks = z.infer<typeof asksSchema>;
