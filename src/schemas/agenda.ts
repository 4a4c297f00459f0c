import { z } from 'zod';
import { AGENDA_CODES, AGENDA_SETTINGS } from '../domain/index.js';
import { timestamp } from './common.js';
import { actionSchema, ruleCodeSchema } from './interviews.js';

export const agendaQuery = z
  .object({
    limit: z
      .string()
      .regex(/^\d{1,3}$/, 'must be a whole number from 1 to 200')
      .transform(Number)
      .pipe(z.number().int().min(1).max(200))
      .optional()
      .transform((n) => n ?? 50)
      .meta({ description: 'Most items to answer, 1–200 (default 50): the earliest due come first.' }),
  })
  .strict();
export type AgendaQuery = z.infer<typeof agendaQuery>;

export const agendaItemSchema = z
  .object({
    interviewId: z.string(),
    contact: z.object({ id: z.string(), name: z.string() }),
    action: actionSchema.meta({ description: 'The action to take next; for `awaiting_reply`, the one to take when they answer.' }),
    dueAt: timestamp.nullable().meta({ description: 'When the step is due; null when nothing makes it due (a prospect).' }),
    overdue: z.boolean().meta({ description: 'The due instant has arrived (dueAt ≤ asOf).' }),
    code: z.enum(AGENDA_CODES).meta({ description: 'A stable code for the step; switch on this, not on the message.' }),
    rule: z
      .object({
        code: ruleCodeSchema.nullable().meta({ description: 'The rule behind the advice (see GET /v1/state-machine), if any.' }),
        setting: z.enum(AGENDA_SETTINGS).nullable().meta({ description: 'The policy setting that timed dueAt, if any.' }),
      })
      .meta({ description: 'Where the step and its timing come from.' }),
    message: z.string().meta({ description: "A short sentence for the seeker, dates in the institution's time zone." }),
  })
  .meta({ id: 'AgendaItem', description: "One next step of one of a seeker's open interviews." });

export const agendaSchema = z
  .object({
    data: z.array(agendaItemSchema).meta({ description: 'By dueAt, earliest first; undated steps last; ties by interview id.' }),
    asOf: timestamp.meta({ description: 'The instant `overdue` and the messages were worked out at.' }),
  })
  .meta({ id: 'Agenda' });
