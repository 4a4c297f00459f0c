import type { Database } from '../db/database.js';
import type { Policy } from '../domain/index.js';

export type Clock = () => Date;

export interface Actor {
  type: 'api_key' | 'operator' | 'system';
  id: string;
}

export interface Tenant {
  id: string;
  name: string;
  timeZone: string;
  policy: Policy;
}

/** What every tenant-scoped service call needs: nothing reaches the database without `tenant.id`. */
export interface TenantContext {
  db: Database;
  clock: Clock;
  tenant: Tenant;
  actor: Actor;
  /**
   * The scopes the caller's key holds (empty for the system), for decisions
   * a route's scope cannot make alone: an action's `override` needs `review`.
   */
  scopes: readonly string[];
}
