// The consultation phase of the demo load, chunk by chunk in one transaction: the consultations of
// a chunk stream into COPY while they are generated (PostgreSQL ingests while Node computes), their
// dependent rows wait in buffers and follow, in foreign-key order.
import {
  CONSULTATION_COLUMNS,
  ConsultationFactory,
  EVENT_COLUMNS,
  emptyChunk,
  MESSAGE_COLUMNS,
  NOTE_COLUMNS,
  REVIEW_COLUMNS,
} from './consultations';
import type { DemoContext } from './context';
import type { DemoEmployee } from './organisations';
import type { DemoPractitioner } from './practitioners';
import { type Slot, scheduleSlots } from './schedule';

type DependentTable = 'consultation_events' | 'messages' | 'clinical_notes' | 'practitioner_reviews';

export interface ConsultationLoad {
  ctx: DemoContext;
  employees: readonly DemoEmployee[];
  practitioners: readonly DemoPractitioner[];
  total: number;
  chunkSize: number;
  /** Runs one COPY and reports progress; `estimate` is the expected final row count of the table. */
  copy(
    table: 'consultations' | DependentTable,
    columns: readonly string[],
    rows: Iterable<string | Buffer>,
    estimate?: number,
  ): Promise<number>;
}

/** Generates and loads `total` consultations with their events, messages, notes and reviews. */
export async function loadConsultations(load: ConsultationLoad): Promise<void> {
  const { ctx, total, chunkSize } = load;
  const pool = load.employees.filter((e) => e.consults);
  const bookable = load.practitioners.filter((p) => p.bookable);
  const factory = new ConsultationFactory(ctx, pool, bookable);
  const input = {
    practitioners: bookable,
    employeeCount: pool.length,
    from: ctx.windowStart,
    to: ctx.windowEnd,
  };
  const slots: Iterator<Slot> = scheduleSlots(input, total, ctx.random);
  const written: Record<DependentTable, number> = {
    consultation_events: 0,
    messages: 0,
    clinical_notes: 0,
    practitioner_reviews: 0,
  };
  let done = 0;
  while (done < total) {
    const chunk = emptyChunk();
    function* rows(): Generator<Buffer> {
      for (let n = 0; n < chunkSize; n++) {
        const next = slots.next();
        if (next.done) break;
        factory.add(next.value, chunk);
        yield* chunk.consultations.takeFullBlocks();
      }
      yield* chunk.consultations.takeAll();
    }
    const count = await load.copy('consultations', CONSULTATION_COLUMNS, rows());
    if (count === 0) throw new Error('the scheduler ran out of slots'); // cannot happen: capacity checked
    done += count;
    const dependents: [DependentTable, readonly string[]][] = [
      ['consultation_events', EVENT_COLUMNS],
      ['messages', MESSAGE_COLUMNS],
      ['clinical_notes', NOTE_COLUMNS],
      ['practitioner_reviews', REVIEW_COLUMNS],
    ];
    for (const [table, columns] of dependents) {
      const buffer = chunk[table];
      // The final counts are unknown until the end: extrapolate from the share written so far.
      const estimate = Math.round(((written[table] + buffer.rows) * total) / done);
      written[table] += await load.copy(table, columns, buffer.takeAll(), estimate);
    }
  }
}
