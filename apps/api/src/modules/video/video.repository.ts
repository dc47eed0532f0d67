// SQL of the video rooms, in the caller's transaction and under its row-level security: a
// consultation the caller may not see is simply not found.
import {
  consultationEvents,
  consultations,
  employees,
  practitioners,
  type Tx,
  type UserRole,
} from '@huntzen/db';
import { eq, sql } from 'drizzle-orm';

/** The consultation `id` with what a room needs of its two participants. */
export async function findRoom(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      id: consultations.id,
      employeeId: consultations.employeeId,
      practitionerId: consultations.practitionerId,
      format: consultations.format,
      status: consultations.status,
      roomName: consultations.roomName,
      roomPassword: consultations.roomPassword,
      scheduledAt: consultations.scheduledAt,
      scheduledEndAt: consultations.scheduledEndAt,
      employee: {
        firstName: employees.firstName,
        lastName: employees.lastName,
        avatarUrl: employees.avatarUrl,
      },
      practitioner: {
        title: practitioners.title,
        firstName: practitioners.firstName,
        lastName: practitioners.lastName,
        avatarUrl: practitioners.avatarUrl,
      },
    })
    .from(consultations)
    .innerJoin(employees, eq(employees.id, consultations.employeeId))
    .innerJoin(practitioners, eq(practitioners.id, consultations.practitionerId))
    .where(eq(consultations.id, id));
  return row;
}

/** Records ROOM_JOINED or ROOM_LEFT. */
export async function insertRoomEvent(
  tx: Tx,
  event: {
    consultationId: string;
    eventType: 'ROOM_JOINED' | 'ROOM_LEFT';
    actorId: string;
    actorRole: UserRole;
    metadata: Record<string, unknown>;
    ipAddress: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await tx.insert(consultationEvents).values({ ...event, timestamp: sql`clock_timestamp()` });
}
