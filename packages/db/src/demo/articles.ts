// Demo articles in volume (`npm run db:demo -- --articles 10000`): French titles and Markdown bodies
// built from a small vocabulary, spread over the categories and the last two years, mostly
// published (the search benchmark reads them). Written as the owner in batches of multi-row
// INSERTs; slugs are unique by their number.
import { randomUUID } from 'node:crypto';
import type { Database } from '../client';
import { slugify } from './identity';
import { Random } from './random';

const CATEGORIES = [
  'MENTAL_HEALTH',
  'STRESS_MANAGEMENT',
  'WORK_LIFE_BALANCE',
  'PRODUCTIVITY',
  'RELATIONSHIPS',
  'WELLBEING',
  'MINDFULNESS',
  'BURNOUT',
  'ANXIETY',
  'DEPRESSION',
] as const;

const ACTIONS = [
  'Apprivoiser',
  'Comprendre',
  'Prévenir',
  'Apaiser',
  'Reconnaître',
  'Gérer',
  'Surmonter',
  'Accueillir',
  'Réduire',
  'Parler de',
];
const TOPICS = [
  'le stress',
  'l’anxiété',
  'la fatigue',
  'l’épuisement professionnel',
  'les émotions',
  'la charge mentale',
  'le sommeil',
  'la motivation',
  'les conflits',
  'la solitude',
  'la concentration',
  'la colère',
];
const CONTEXTS = [
  'au travail',
  'en télétravail',
  'en réunion',
  'avant une présentation',
  'au retour de congés',
  'en équipe',
  'quand on manage',
  'pendant les périodes chargées',
];
const SENTENCES = [
  'Prendre trois respirations lentes avant de répondre change souvent la suite de la journée.',
  'Les pauses courtes et régulières protègent mieux la concentration qu’une longue pause tardive.',
  'Nommer ce que l’on ressent aide à prendre de la distance avec l’émotion.',
  'Un sommeil régulier reste le premier allié de la santé mentale.',
  'Parler à un collègue de confiance allège une situation qui semblait sans issue.',
  'Fixer une heure de fin de journée et s’y tenir limite la charge mentale du soir.',
  'Les notifications coupées pendant une heure suffisent à retrouver le fil d’une tâche.',
  'Marcher dix minutes à l’extérieur abaisse la tension ressentie.',
  'Demander de l’aide n’est pas un aveu de faiblesse mais une compétence.',
  'Un praticien peut aider à démêler ce qui relève du travail et ce qui relève du reste.',
  'Les signaux d’alerte de l’épuisement s’installent lentement et se remarquent tard.',
  'Écrire trois choses positives chaque soir entraîne l’attention à les voir.',
  'La cohérence cardiaque se pratique partout, même dans une salle de réunion.',
  'Les désaccords exprimés tôt coûtent moins que les tensions accumulées.',
  'Se fixer des objectifs atteignables nourrit la motivation au quotidien.',
  'L’anxiété anticipe souvent des scénarios qui ne se produisent pas.',
];

/** Inserts `count` demo articles; returns how many were written. */
export async function generateDemoArticles(
  db: Database,
  options: { count: number; seed?: number; onProgress?: (done: number, total: number) => void },
): Promise<number> {
  const random = new Random(options.seed ?? 42);
  const authorId = randomUUID();
  const now = Date.now();
  const { rows } = await db.owner.query<{ n: string }>('select count(*) as n from articles');
  const offset = Number(rows[0]?.n ?? 0);
  const BATCH = 250;
  let done = 0;
  while (done < options.count) {
    const size = Math.min(BATCH, options.count - done);
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let i = 0; i < size; i++) {
      const n = offset + done + i + 1;
      const title = `${random.pick(ACTIONS)} ${random.pick(TOPICS)} ${random.pick(CONTEXTS)}`;
      const paragraphs = Array.from({ length: random.int(4, 8) }, () =>
        Array.from({ length: random.int(2, 4) }, () => random.pick(SENTENCES)).join(' '),
      );
      const content = `# ${title}\n\n${paragraphs.map((p, k) => (k === 2 ? `## À retenir\n\n- ${p}` : p)).join('\n\n')}`;
      const roll = random.next();
      const status =
        roll < 0.9 ? 'PUBLISHED' : roll < 0.95 ? 'DRAFT' : roll < 0.98 ? 'ARCHIVED' : 'SCHEDULED';
      const at = new Date(now - random.int(1, 730) * 86_400_000 - random.int(0, 86_399) * 1000);
      const scheduled = status === 'SCHEDULED' ? new Date(now + random.int(1, 60) * 86_400_000) : null;
      const category = random.pick(CATEGORIES);
      const p = values.length;
      tuples.push(
        `(${Array.from({ length: 13 }, (_, k) => `$${p + k + 1}`).join(', ')}, 'ADMIN_HUNTZEN', 'Équipe HuntZen')`,
      );
      values.push(
        title,
        `${slugify(title)}-${n}`,
        paragraphs[0]!.slice(0, 300),
        content,
        category,
        [category.toLowerCase().replace(/_/g, '-'), random.pick(TOPICS).replace(/^(le |la |les |l’)/, '')],
        [],
        status,
        status === 'PUBLISHED' || status === 'ARCHIVED' ? at : null,
        scheduled,
        authorId,
        at,
        at,
      );
    }
    await db.owner.query(
      `insert into articles (title, slug, excerpt, content, category, tags, keywords, status, published_at,
         scheduled_for, author_id, created_at, updated_at, author_role, author_name)
       values ${tuples.join(', ')}`,
      values,
    );
    done += size;
    options.onProgress?.(done, options.count);
  }
  await db.owner.query('analyze articles');
  return done;
}
