import type { AgendaItem, StateMachineDescription } from '../domain/index.js';
import type { InterviewView } from '../schemas/interviews.js';
import type { EventView } from '../services/events.js';
import type { getInstitution } from '../services/institutions.js';
import type { ActionResult } from '../services/interview-actions.js';
import type { ContactView, SeekerView } from '../services/serialize.js';
import type { WebhookAttemptView, WebhookDeliveryView, WebhookEndpointView } from '../services/webhooks.js';

// What the resolvers hand each other: the services' own views. The generated
// resolver types (generated/types.ts) map each GraphQL type to one of these.

export type InterviewModel = InterviewView;
export type SeekerModel = SeekerView;
export type ContactModel = ContactView;
export type EventModel = EventView;
export type AgendaItemModel = AgendaItem;
export type InstitutionModel = Awaited<ReturnType<typeof getInstitution>>;
export type StateMachineModel = StateMachineDescription;
export type ActionPayloadModel = ActionResult;
export type WebhookEndpointModel = WebhookEndpointView;
export type WebhookDeliveryModel = WebhookDeliveryView;

/** A Relay connection over one page of a service list; totalCount runs only when asked for. */
export interface ConnectionModel<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}
export type InterviewConnectionModel = ConnectionModel<InterviewView>;
export type SeekerConnectionModel = ConnectionModel<SeekerView>;
export type ContactConnectionModel = ConnectionModel<ContactView>;
export type EventConnectionModel = Omit<ConnectionModel<EventView>, 'totalCount'>;
export type WebhookEndpointConnectionModel = Omit<ConnectionModel<WebhookEndpointView>, 'totalCount'>;
export type WebhookDeliveryConnectionModel = Omit<ConnectionModel<WebhookDeliveryView>, 'totalCount'>;
export type WebhookAttemptConnectionModel = Omit<ConnectionModel<WebhookAttemptView>, 'totalCount'>;
