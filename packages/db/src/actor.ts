// Who a database transaction runs for. The values become the `app.*` settings that the row-level
// security policies read (see migrations/0001_security.sql).
import type { roleEnum } from './schema/enums';

export type UserRole = (typeof roleEnum.enumValues)[number];
/** SYSTEM: jobs, seed and maintenance; ANONYMOUS: public pages and sign-up before an account exists. */
export type ActorRole = UserRole | 'SYSTEM' | 'ANONYMOUS';

/**
 * A signed-in request's session, still to be found live: the first transaction run for the request
 * checks it in its opening round trip (`require_live_session`, migration 0037) and marks it checked,
 * so that a request costs no statement of its own for it. Shared by every copy of the actor.
 */
export interface SessionToCheck {
  readonly userId: string;
  /** The refresh-token family the access token was issued for. */
  readonly sessionId: string;
  /** 'unchecked' until a transaction (or the guard's fallback) asked the database. */
  state: 'unchecked' | 'live' | 'ended';
}

export interface Actor {
  role: ActorRole;
  /** The signed-in user's session, when a request's actor. */
  session?: SessionToCheck | undefined;
  userId?: string | null;
  email?: string | null;
  companyId?: string | null;
  employeeId?: string | null;
  practitionerId?: string | null;
  /** Request context, recorded by the audit trigger. */
  ip?: string | null;
  userAgent?: string | null;
}

/** The system actor: jobs, seeds and maintenance tasks that act for the platform itself. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ role: 'SYSTEM', email: 'system@huntzen.internal' });
export const ANONYMOUS_ACTOR: Actor = Object.freeze({ role: 'ANONYMOUS' });

/**
 * The database role a transaction of each kind of actor runs as (migration 0040): the planner then
 * sees only the policy arm of that actor. The role selects the arm, the settings still decide what
 * it shows. SYSTEM and ANONYMOUS stay on the application role and its general policies.
 */
export const ACTOR_ROLES: Readonly<Record<ActorRole, string | null>> = Object.freeze({
  SUPER_ADMIN: 'huntzen_admin',
  ADMIN_HUNTZEN: 'huntzen_admin',
  ADMIN_RH: 'huntzen_hr',
  PRACTITIONER: 'huntzen_practitioner',
  EMPLOYEE: 'huntzen_employee',
  SYSTEM: null,
  ANONYMOUS: null,
});

/** The `app.*` settings of an actor, in the order the policies document them. */
export function actorSettings(actor: Actor): Record<string, string> {
  return {
    'app.current_user': actor.userId ?? '',
    'app.current_role': actor.role,
    'app.current_email': actor.email ?? '',
    'app.current_tenant': actor.companyId ?? '',
    'app.current_employee': actor.employeeId ?? '',
    'app.current_practitioner': actor.practitionerId ?? '',
    'app.current_ip': actor.ip ?? '',
    'app.current_user_agent': actor.userAgent ?? '',
  };
}
