import { z } from 'zod';
import { REQUEST_CHANNELS, STATES, type State } from '../domain/index.js';
import { idOf, text, timestamp } from './common.js';

// GET /v1/reports/funnel (and GraphQL `reports { funnel }`): the query and the
// answer. Definitions of every figure are in the descriptions below, which
// the OpenAPI document carries; README "Outcome reports" says the same.

const instant = (description: string) =>
  z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time with an offset, e.g. 2026-10-01T00:00:00Z (write a + offset as %2B in a URL)' })
    .optional()
    .meta({ description, example: '2026-10-01T00:00:00Z' });

export const funnelQuery = z
  .object({
    seekerId: idOf('seeker')
      .optional()
      .meta({ description: "Only this seeker's interviews. A seeker of another institution matches nothing (the figures of an empty set)." }),
    from: instant(
      'Only interviews that started at or after this instant. An interview starts when its request was sent (`requestedAt`), or, never requested, when it was created.',
    ),
    to: instant('Only interviews that started before this instant (exclusive), by the same start as `from`.'),
    // Any tag a contact can carry (ContactCreate's tags): the pattern documents it in OpenAPI.
    tag: text(50)
      .regex(/^[\s\S]{1,50}$/, 'must be a tag of 1 to 50 characters')
      .optional()
      .meta({ description: 'Only interviews whose contact carries this tag (exact match, after trimming).' }),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from !== undefined && q.to !== undefined && Date.parse(q.from) > Date.parse(q.to)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (${q.from}); the period is [from, to)` });
    }
  });
export type FunnelQuery = z.infer<typeof funnelQuery>;

const count = (description: string) => z.number().int().min(0).meta({ description });
const rate = (description: string) => z.number().min(0).max(1).nullable().meta({ description: `${description} From 0 to 1; null when the denominator is 0.` });
const days = (description: string) => z.number().min(0).nullable().meta({ description: `${description} Null when there is none.` });

const stateCountsSchema = z
  .object(Object.fromEntries(STATES.map((s) => [s, z.number().int().min(0)])) as Record<State, z.ZodNumber>)
  .meta({ id: 'StateCounts', description: 'The matching interviews by their current state; every state is present, 0 when none.' });

export const funnelReportSchema = z
  .object({
    filters: z
      .object({
        seekerId: z.string().nullable(),
        from: timestamp.nullable(),
        to: timestamp.nullable(),
        tag: z.string().nullable(),
      })
      .meta({ description: 'The filters applied (instants normalised to UTC); null when not given.' }),
    asOf: timestamp.meta({ description: 'When the figures were computed.' }),
    counts: stateCountsSchema,
    totals: z
      .object({
        interviews: count('Interviews matching the filters.'),
        requested: count('Of those, interviews ever requested (`requestedAt` set): the base of the request figures.'),
        replied: count(
          'Requested interviews that got a reply: ever scheduled (so confirmed, met and later too, and those cancelled after scheduling), or declined. ' +
            'Still waiting (`requested`), `no_response`, and cancelled before a reply are not replies.',
        ),
        met: count('Interviews that reached `met` or later (`heldAt` set).'),
        thanked: count('Met interviews thanked at least once (`thankedAt` set, the first thank-you).'),
        referrals: count('Interviews created by `add_referral` from the matching met interviews.'),
      })
      .meta({ description: 'The counts the rates below are made of.' }),
    conversion: z
      .object({
        requestToMeeting: rate('totals.met / totals.requested: requests that led to a meeting.'),
        meetingToThankYou: rate('totals.thanked / totals.met: meetings followed by a thank-you.'),
      })
      .meta({ description: 'Conversion between the steps of the funnel.' }),
    responseRateByChannel: z
      .array(
        z.object({
          channel: z.enum(REQUEST_CHANNELS).meta({ description: 'The channel the request went by.' }),
          requested: count('Requested interviews sent by this channel.'),
          replied: count('Of those, how many got a reply (see totals.replied).'),
          rate: rate('replied / requested.'),
        }),
      )
      .meta({ description: 'One entry per request channel, in a fixed order (email, linkedin, phone, in_person, other), channels never used included.' }),
    medianDays: z
      .object({
        requestToMeeting: days('Median time from request (`requestedAt`) to meeting (`heldAt`) over met interviews, in days of 24 hours, to 2 decimals.'),
        meetingToThankYou: days('Median time from meeting (`heldAt`) to the first thank-you (`thankedAt`) over thanked interviews, in days of 24 hours, to 2 decimals.'),
      })
      .meta({ description: 'Medians (the mean of the two middle values for an even count).' }),
    thankYouOnTime: z
      .object({
        thanked: count('Met interviews with a thank-you (totals.thanked).'),
        onTime: count(
          "Of those, thanked within `withinDays` local calendar days of the meeting in the institution's time zone: the `thanks_late` rule's boundary (with 3: a thank-you on local day 3 is on time, on day 4 late).",
        ),
        share: rate('onTime / thanked.'),
        withinDays: z.number().int().min(0).meta({ description: "The policy's current `thankYouWithinDays`, which the figure is measured against." }),
        timeZone: z.string().meta({ description: "The institution's time zone, in which the calendar days are counted." }),
      })
      .meta({ description: 'How many thank-yous were sent "within a few days".' }),
    referralsPerMeeting: z
      .number()
      .min(0)
      .nullable()
      .meta({ description: 'totals.referrals / totals.met: people suggested (add_referral) per meeting held; null with no meetings.' }),
    ignoredAdvisories: z
      .array(
        z.object({
          rule: z.string().meta({ description: 'The advisory rule code (see GET /v1/state-machine).' }),
          message: z.string().meta({ description: "The rule's coaching message under the current policy." }),
          count: count('How many actions on the matching interviews went through with this advisory.'),
        }),
      )
      .meta({ description: 'The advisories most often ignored (actions that went through despite them), most first, ties by code; at most 10.' }),
  })
  .meta({ id: 'FunnelReport', description: 'Outcome figures for the interviews matching the filters.' });
export type FunnelReport = z.infer<typeof funnelReportSchema>;
