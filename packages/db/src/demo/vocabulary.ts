// French vocabulary of the demo data: departments, specialties, texts of messages, notes, journals
// and reviews. Plain data, no logic.
import type { Specialty } from '../schema/enums';
import type { Weighted } from './random';

export const DEPARTMENTS: Record<string, readonly string[]> = {
  Développement: [
    'Développeuse full-stack',
    'Développeur back-end',
    'Développeuse front-end',
    'Ingénieur DevOps',
    'Tech lead',
    'Architecte logiciel',
    'Ingénieure QA',
  ],
  Marketing: ['Chargée de marketing', 'Responsable communication', 'Growth manager', 'Community manager'],
  Ventes: [
    'Commercial',
    'Account manager',
    'Business developer',
    "Ingénieure d'affaires",
    'Directeur commercial',
  ],
  RH: ['Chargée de recrutement', 'Responsable RH', 'Gestionnaire paie', 'Responsable formation'],
  Finance: [
    'Contrôleur de gestion',
    'Comptable',
    'Analyste financière',
    'Directeur administratif et financier',
  ],
  Support: ['Chargé de support client', 'Responsable support', 'Technicienne support'],
  Produit: ['Product manager', 'Product owner', 'UX designer', 'UI designer', 'Chef de projet'],
  Juridique: ['Juriste', 'Responsable juridique', 'Déléguée à la protection des données'],
};

export const DEPARTMENT_WEIGHTS: Weighted<string> = [
  ['Développement', 28],
  ['Marketing', 10],
  ['Ventes', 16],
  ['RH', 6],
  ['Finance', 8],
  ['Support', 14],
  ['Produit', 12],
  ['Juridique', 6],
];

export const SECTORS = [
  'Technologies',
  'Banque et assurance',
  'Conseil',
  'Industrie',
  'Santé',
  'Distribution',
  'Énergie',
  'Transport et logistique',
  'Médias',
  'Télécommunications',
  'Agroalimentaire',
  'Immobilier',
] as const;

export const LEGAL_FORMS = ['SAS', 'SA', 'SARL', 'SASU'] as const;

export const BRAND_COLORS = [
  ['#4A90E2', '#5BC0DE'],
  ['#2E7D32', '#81C784'],
  ['#6A1B9A', '#BA68C8'],
  ['#C62828', '#EF9A9A'],
  ['#EF6C00', '#FFB74D'],
  ['#00838F', '#4DD0E1'],
  ['#283593', '#7986CB'],
] as const;

/** Employees' time zones: mostly France, some abroad (all IANA names). */
export const EMPLOYEE_TIMEZONES: Weighted<string> = [
  ['Europe/Paris', 80],
  ['Europe/London', 7],
  ['America/New_York', 6],
  ['Asia/Tokyo', 3],
  ['Europe/Berlin', 2],
  ['America/Montreal', 2],
];

/**
 * Practitioners' time zones. Only whole-hour offsets between UTC-5 and UTC+2, on purpose: the
 * scheduler relies on working hours mapping to whole UTC hours on the same UTC date.
 */
export const PRACTITIONER_TIMEZONES: Weighted<string> = [
  ['Europe/Paris', 82],
  ['Europe/Brussels', 5],
  ['Europe/Zurich', 3],
  ['Europe/London', 4],
  ['America/Toronto', 6],
];

export const SPECIALTY_WEIGHTS: Weighted<Specialty> = [
  ['PSYCHOLOGUE_CLINICIEN', 30],
  ['PSYCHOLOGUE_TRAVAIL', 18],
  ['PSYCHIATRE', 8],
  ['PSYCHOTHERAPEUTE', 16],
  ['NEUROPSYCHOLOGUE', 6],
  ['COACH_MENTAL', 12],
  ['SEXOLOGUE', 4],
  ['PSYCHANALYSTE', 6],
];

export const SPECIALTY_LABELS: Record<Specialty, string> = {
  PSYCHOLOGUE_CLINICIEN: 'psychologue clinicien·ne',
  PSYCHOLOGUE_TRAVAIL: 'psychologue du travail',
  PSYCHIATRE: 'psychiatre',
  PSYCHOTHERAPEUTE: 'psychothérapeute',
  NEUROPSYCHOLOGUE: 'neuropsychologue',
  COACH_MENTAL: 'coach mental',
  SEXOLOGUE: 'sexologue',
  PSYCHANALYSTE: 'psychanalyste',
};

export const SUB_SPECIALTIES: Record<Specialty, readonly string[]> = {
  PSYCHOLOGUE_CLINICIEN: [
    'TCC',
    'EMDR',
    'Gestion du stress',
    'Troubles anxieux',
    'Dépression',
    'Psychotraumatologie',
    'Deuil',
  ],
  PSYCHOLOGUE_TRAVAIL: [
    'Burn-out',
    'Risques psychosociaux',
    'Harcèlement au travail',
    'Reconversion professionnelle',
    'Gestion du stress',
    'Qualité de vie au travail',
  ],
  PSYCHIATRE: [
    'Troubles bipolaires',
    'Dépression',
    'Troubles anxieux',
    'Addictions',
    'TDAH adulte',
    'Sommeil',
  ],
  PSYCHOTHERAPEUTE: [
    'Thérapie systémique',
    'Thérapie familiale',
    'Hypnose ericksonienne',
    'Thérapie ACT',
    'Pleine conscience',
    'Gestalt-thérapie',
  ],
  NEUROPSYCHOLOGUE: [
    'Bilan neuropsychologique',
    'Remédiation cognitive',
    'TDAH adulte',
    'Troubles de la mémoire',
    "Troubles de l'attention",
  ],
  COACH_MENTAL: [
    'Confiance en soi',
    'Prise de parole en public',
    'Gestion du temps',
    'Leadership',
    'Gestion des émotions',
  ],
  SEXOLOGUE: ['Thérapie de couple', 'Santé sexuelle', 'Troubles du désir', 'Identité de genre'],
  PSYCHANALYSTE: [
    'Psychanalyse freudienne',
    'Psychanalyse lacanienne',
    "Psychothérapie d'inspiration analytique",
    'Analyse des rêves',
  ],
};

export const DIPLOMAS: Record<Specialty, readonly string[]> = {
  PSYCHOLOGUE_CLINICIEN: [
    'Master 2 Psychologie clinique',
    'DU Psychotraumatologie',
    'DU Thérapies cognitives',
  ],
  PSYCHOLOGUE_TRAVAIL: ['Master 2 Psychologie du travail', 'DU Risques psychosociaux', 'DU Ergonomie'],
  PSYCHIATRE: ['Doctorat en médecine', 'DES de psychiatrie', 'DU Addictologie'],
  PSYCHOTHERAPEUTE: ['Master 2 Psychologie', 'Certificat de psychothérapeute', 'DU Thérapie familiale'],
  NEUROPSYCHOLOGUE: ['Master 2 Neuropsychologie', 'DU Neuropsychologie clinique'],
  COACH_MENTAL: ['Certification de coach professionnel (RNCP)', 'Master Management', 'DU Coaching'],
  SEXOLOGUE: ['DIU Sexologie', 'Master 2 Psychologie clinique'],
  PSYCHANALYSTE: ['Master 2 Psychopathologie', 'Formation en psychanalyse'],
};

export const CERTIFICATIONS = [
  'Praticien·ne EMDR certifié·e',
  'Formation TCC',
  'Certification MBSR (pleine conscience)',
  'Hypnose ericksonienne',
  'Premiers secours en santé mentale',
  'Thérapie des schémas',
  'Cohérence cardiaque',
] as const;

export const UNIVERSITIES = [
  'Université Paris Cité',
  'Sorbonne Université',
  'Université Lumière Lyon 2',
  'Université de Bordeaux',
  'Aix-Marseille Université',
  'Université de Lille',
  'Université de Strasbourg',
  'Université Toulouse Jean Jaurès',
  'Nantes Université',
  'Université Grenoble Alpes',
  'Université de Montpellier',
  'UCLouvain',
  'Université de Genève',
  'Université de Montréal',
] as const;

export const EXTRA_LANGUAGES: Weighted<string> = [
  ['en', 60],
  ['es', 12],
  ['de', 8],
  ['it', 6],
  ['ar', 8],
  ['pt', 6],
];

export const EMPLOYEE_BIOS = [
  'Passionné·e par mon métier, je cherche un meilleur équilibre entre vie pro et vie perso.',
  'Jeune parent, je jongle entre les réunions et les biberons.',
  'Randonneuse le week-end, toujours partante pour un café.',
  'Curieux de tout, fan de jeux de société et de podcasts.',
  'En télétravail trois jours par semaine depuis 2021.',
  'Je cours mon premier semi-marathon cette année !',
] as const;

export const CANCEL_REASONS = [
  'Contrainte professionnelle imprévue',
  'Enfant malade',
  'Déplacement professionnel',
  'Conflit d’agenda avec une réunion importante',
  'Problème de transport',
  'Urgence familiale',
  'Je souhaite reporter la séance',
  'Problème de connexion prévu (déménagement)',
] as const;

export const PRACTITIONER_CANCEL_REASONS = [
  'Indisponibilité imprévue, je vous propose un autre créneau',
  'Praticien·ne souffrant·e',
  'Formation professionnelle',
  'Urgence, séance à reprogrammer',
] as const;

export const CONSULTATION_NOTES = [
  'Préfère être appelé·e sur son portable.',
  'Premier rendez-vous : prévoir 5 minutes de présentation.',
  'Séance de suivi demandée par l’employé·e.',
  'Casque recommandé, open space bruyant.',
] as const;

export const EMPLOYEE_MESSAGES = [
  'Bonjour, je confirme ma présence pour notre séance.',
  'Est-il possible de commencer cinq minutes plus tard ?',
  'Merci pour la séance, elle m’a beaucoup aidé.',
  'J’ai essayé l’exercice de respiration cette semaine, c’était difficile mais utile.',
  'Je me sens un peu mieux depuis notre dernier échange.',
  'Bonjour, le lien de la visio ne fonctionne pas chez moi, que faire ?',
  'Pouvez-vous me rappeler ce que nous avions dit sur le carnet de pensées ?',
  'J’ai eu une semaine chargée, j’aimerais en parler lors de la prochaine séance.',
] as const;

export const PRACTITIONER_MESSAGES = [
  'Bonjour, c’est bien noté, à bientôt.',
  'Pensez à noter vos ressentis dans votre journal d’ici notre prochaine séance.',
  'Le lien sera actif dix minutes avant le début de la séance.',
  'Je vous propose de poursuivre l’exercice de cohérence cardiaque, trois fois par jour.',
  'Merci pour votre message, nous en parlerons ensemble lors de la séance.',
  'Essayez de rafraîchir la page ou de vous connecter depuis un autre navigateur.',
  'Très bien, prenez soin de vous d’ici là.',
] as const;

export const NOTE_REASONS = [
  'surcharge de travail et difficultés de sommeil',
  'anxiété liée à une réorganisation du service',
  'conflit avec un manager',
  'retour de congé maternité',
  'deuil récent',
  'perte de motivation et fatigue persistante',
  'stress avant une prise de poste',
  'difficultés de concentration',
] as const;

export const NOTE_OBSERVATIONS = [
  'discours cohérent, humeur légèrement abaissée',
  'bonne alliance thérapeutique, patient·e investi·e',
  'ruminations importantes le soir, pas d’idées noires',
  'amélioration du sommeil depuis la dernière séance',
  'signes d’épuisement professionnel modérés',
  'anxiété anticipatoire marquée, évitement des réunions',
] as const;

export const NOTE_PLANS = [
  'poursuivre les exercices de restructuration cognitive',
  'introduire la cohérence cardiaque trois fois par jour',
  'revoir dans deux semaines',
  'proposer un bilan avec le médecin traitant',
  'travailler l’affirmation de soi en jeu de rôle',
  'tenir un agenda du sommeil jusqu’à la prochaine séance',
] as const;

export const REVIEW_COMMENTS: Record<number, readonly string[]> = {
  5: [
    'Très à l’écoute, je recommande vivement.',
    'Des conseils concrets qui m’ont vraiment aidé au quotidien.',
    'Bienveillance et professionnalisme, merci !',
  ],
  4: ['Bonne séance, j’ai pu prendre du recul.', 'Praticien·ne attentif·ve, quelques soucis de connexion.'],
  3: ['Correct, mais j’attendais des pistes plus concrètes.', 'Séance un peu courte à mon goût.'],
  2: ['Je ne me suis pas senti·e vraiment écouté·e.', 'Retard de dix minutes au début de la séance.'],
  1: ['Séance écourtée sans explication.', 'Pas du tout adapté à ma situation.'],
};

export const JOURNAL_TEXTS: Record<string, readonly string[]> = {
  VERY_BAD: [
    'Journée très difficile. Je me suis senti·e submergé·e dès le matin.',
    'Je n’arrive plus à dormir, tout tourne en boucle dans ma tête.',
  ],
  BAD: [
    'Réunion tendue avec mon manager, je ressasse encore.',
    'Fatigué·e, beaucoup de choses en retard, pas eu le temps de souffler.',
  ],
  NEUTRAL: ['Journée normale, rien de particulier.', 'Un peu de stress mais j’ai réussi à faire une pause.'],
  GOOD: [
    'J’ai pris le temps de marcher à midi, ça m’a fait du bien.',
    'Bonne séance aujourd’hui, je me sens plus léger·e.',
  ],
  VERY_GOOD: [
    'Super journée ! Projet livré et compliments de l’équipe.',
    'Week-end ressourçant, je repars avec de l’énergie.',
  ],
};

export const JOURNAL_TAGS = [
  'travail',
  'sommeil',
  'famille',
  'sport',
  'stress',
  'gratitude',
  'respiration',
  'équipe',
  'fatigue',
] as const;

const WEBKIT = 'AppleWebKit/537.36 (KHTML, like Gecko)';
export const USER_AGENTS = [
  `Mozilla/5.0 (Windows NT 10.0; Win64; x64) ${WEBKIT} Chrome/126.0 Safari/537.36`,
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
  'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
] as const;
