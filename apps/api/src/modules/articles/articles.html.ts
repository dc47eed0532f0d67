// The public article pages as HTML strings: readable without JavaScript (none is sent), with their
// SEO tags. Every value from the database is escaped here; the article body is the renderer's
// sanitized HTML; JSON-LD is serialised so that no "</script>" can close its element.
import { type Article, type ArticleCategory, type ArticleSummary, dateLocale } from '@huntzen/contracts';
import { escapeHtml as e } from './articles.render';

export type PageLanguage = 'fr' | 'en';

export const CATEGORY_LABELS: Record<PageLanguage, Record<ArticleCategory, string>> = {
  fr: {
    MENTAL_HEALTH: 'Santé mentale',
    STRESS_MANAGEMENT: 'Gestion du stress',
    WORK_LIFE_BALANCE: 'Équilibre vie pro / vie perso',
    PRODUCTIVITY: 'Productivité',
    RELATIONSHIPS: 'Relations',
    WELLBEING: 'Bien-être',
    MINDFULNESS: 'Pleine conscience',
    BURNOUT: 'Épuisement professionnel',
    ANXIETY: 'Anxiété',
    DEPRESSION: 'Dépression',
  },
  en: {
    MENTAL_HEALTH: 'Mental health',
    STRESS_MANAGEMENT: 'Stress management',
    WORK_LIFE_BALANCE: 'Work-life balance',
    PRODUCTIVITY: 'Productivity',
    RELATIONSHIPS: 'Relationships',
    WELLBEING: 'Well-being',
    MINDFULNESS: 'Mindfulness',
    BURNOUT: 'Burnout',
    ANXIETY: 'Anxiety',
    DEPRESSION: 'Depression',
  },
};

const T = {
  fr: {
    skip: 'Aller au contenu',
    site: 'HuntZen',
    articles: 'Articles',
    signIn: 'Se connecter',
    mainNav: 'Navigation principale',
    breadcrumb: "Fil d'Ariane",
    home: 'Accueil',
    by: 'Par',
    minutes: (n: number) => `${n} min de lecture`,
    published: 'Publié le',
    tags: 'Mots-clés',
    share: 'Partager cet article',
    shareOn: (n: string) => `Partager sur ${n}`,
    shareEmail: 'Envoyer par e-mail',
    related: 'À lire aussi',
    listTitle: 'Articles bien-être et santé mentale',
    listIntro: 'Conseils et repères pour prendre soin de sa santé mentale au travail, par l’équipe HuntZen.',
    categories: 'Catégories',
    all: 'Toutes',
    search: 'Rechercher un article',
    searchButton: 'Rechercher',
    results: (n: number) => (n === 0 ? 'Aucun article trouvé.' : n === 1 ? '1 article' : `${n} articles`),
    pages: 'Pages',
    previous: 'Page précédente',
    next: 'Page suivante',
    page: (n: number) => `Page ${n}`,
    read: 'Lire l’article',
    notFoundTitle: 'Article introuvable',
    notFound: 'Cet article n’existe pas ou n’est plus publié.',
    back: 'Voir tous les articles',
    crisis:
      'HuntZen n’est pas un service d’urgence. En cas de danger : 112 (urgences), 15 (SAMU), 3114 (prévention du suicide, 24 h/24).',
    rss: 'Flux RSS',
    language: 'Langue',
    other: { code: 'en', label: 'English' },
  },
  en: {
    skip: 'Skip to content',
    site: 'HuntZen',
    articles: 'Articles',
    signIn: 'Sign in',
    mainNav: 'Main navigation',
    breadcrumb: 'Breadcrumb',
    home: 'Home',
    by: 'By',
    minutes: (n: number) => `${n} min read`,
    published: 'Published on',
    tags: 'Tags',
    share: 'Share this article',
    shareOn: (n: string) => `Share on ${n}`,
    shareEmail: 'Send by e-mail',
    related: 'Read next',
    listTitle: 'Well-being and mental health articles',
    listIntro: 'Advice and landmarks to look after your mental health at work, by the HuntZen team.',
    categories: 'Categories',
    all: 'All',
    search: 'Search articles',
    searchButton: 'Search',
    results: (n: number) => (n === 0 ? 'No article found.' : n === 1 ? '1 article' : `${n} articles`),
    pages: 'Pages',
    previous: 'Previous page',
    next: 'Next page',
    page: (n: number) => `Page ${n}`,
    read: 'Read the article',
    notFoundTitle: 'Article not found',
    notFound: 'This article does not exist or is no longer published.',
    back: 'See all articles',
    crisis:
      'HuntZen is not an emergency service. In danger: 112 (emergencies), 15 (SAMU), 3114 (suicide prevention, 24/7).',
    rss: 'RSS feed',
    language: 'Language',
    other: { code: 'fr', label: 'Français' },
  },
} as const;

const STYLE = `
:root{color-scheme:light;--ink:#1f2933;--muted:#52606d;--accent:#0b6e4f;--line:#d9e2ec;--bg:#f7faf9}
*{box-sizing:border-box}body{margin:0;font:18px/1.65 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
a{color:var(--accent)}a:focus-visible{outline:3px solid #1c7ed6;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:1}
header.site,footer.site{background:var(--bg);border-bottom:1px solid var(--line)}
header.site .in,footer.site .in,main{max-width:760px;margin:0 auto;padding:12px 20px}
header.site .in{display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header.site .brand{font-weight:700;font-size:22px;text-decoration:none;color:var(--accent)}
header.site nav{margin-left:auto;display:flex;gap:16px}
footer.site{border-top:1px solid var(--line);border-bottom:0;margin-top:48px;font-size:15px;color:var(--muted)}
.crumbs{font-size:15px;color:var(--muted)}.crumbs ol{list-style:none;padding:0;margin:0;display:flex;gap:8px;flex-wrap:wrap}
.crumbs li+li::before{content:"›";margin-right:8px}
h1{font-size:2.1rem;line-height:1.2;margin:.4em 0}
.meta,.category{color:var(--muted);font-size:15px}.excerpt{font-size:1.15rem;color:var(--muted)}
.cover{width:100%;height:auto;border-radius:8px}
.content img{max-width:100%;height:auto}.content pre{overflow:auto;background:var(--bg);padding:12px;border-radius:6px}
.content blockquote{border-left:4px solid var(--line);margin:0;padding-left:16px;color:var(--muted)}
.content table{border-collapse:collapse}.content th,.content td{border:1px solid var(--line);padding:4px 8px}
.tags ul,.share ul,.cats ul,.pager ul{list-style:none;padding:0;display:flex;gap:8px;flex-wrap:wrap}
.tags li{background:var(--bg);border:1px solid var(--line);border-radius:999px;padding:0 10px;font-size:15px}
.share a,.cats a,.pager a{display:inline-block;padding:6px 12px;border:1px solid var(--line);border-radius:6px;text-decoration:none}
.cats a[aria-current]{background:var(--accent);color:#fff}
.card{border-bottom:1px solid var(--line);padding:16px 0}.card h2{margin:.2em 0;font-size:1.35rem}
mark{background:#fff3bf;color:inherit}
form.search{display:flex;gap:8px}form.search input{flex:1;font:inherit;padding:6px 10px;border:1px solid #7b8794;border-radius:6px}
form.search button{font:inherit;padding:6px 14px;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:#fff}
`;

/** JSON for a <script type="application/ld+json">: no "<", ">", "&" or line separator can end the element. */
export function jsonLd(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

interface Shell {
  lang: PageLanguage;
  title: string;
  description: string;
  canonical: string;
  head?: string;
  body: string;
  /** The current path (for the language switch). */
  path: string;
  robots?: string;
}

function langSwitch(lang: PageLanguage, path: string): string {
  const other = T[lang].other;
  const [pathname, query = ''] = path.split('?');
  const params = new URLSearchParams(query);
  params.set('lang', other.code);
  return `<a href="${e(`${pathname}?${params}`)}" lang="${other.code}" hreflang="${other.code}">${other.label}</a>`;
}

function shell(s: Shell): string {
  const t = T[s.lang];
  return `<!doctype html>
<html lang="${s.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(s.title)}</title>
<meta name="description" content="${e(s.description)}">
<link rel="canonical" href="${e(s.canonical)}">
<meta name="robots" content="${s.robots ?? 'index, follow'}">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="alternate" type="application/rss+xml" title="HuntZen — ${t.articles}" href="/articles/rss.xml">
${s.head ?? ''}<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">${t.skip}</a>
<header class="site"><div class="in">
<a class="brand" href="/">${t.site}</a>
<nav aria-label="${t.mainNav}"><a href="/articles">${t.articles}</a><a href="/login">${t.signIn}</a>${langSwitch(s.lang, s.path)}</nav>
</div></header>
<main id="main">
${s.body}
</main>
<footer class="site"><div class="in">
<p>${t.crisis}</p>
<p><a href="/articles/rss.xml">${t.rss}</a></p>
</div></footer>
</body>
</html>`;
}

function dateText(iso: string, lang: PageLanguage): string {
  return new Intl.DateTimeFormat(dateLocale(lang), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
}

const SHARES = [
  { network: 'linkedin', label: 'LinkedIn' },
  { network: 'x', label: 'X' },
  { network: 'facebook', label: 'Facebook' },
] as const;

/** The public page of a published article. */
export function articlePage(
  article: Article,
  related: ArticleSummary[],
  options: { lang: PageLanguage; publicUrl: string; path: string },
): string {
  const { lang, publicUrl } = options;
  const t = T[lang];
  const category = CATEGORY_LABELS[lang][article.category];
  const image = article.coverUrl;
  const published = article.publishedAt ?? article.updatedAt;
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: article.seo.title.slice(0, 110),
    description: article.seo.description,
    ...(image ? { image: [image] } : {}),
    datePublished: published,
    dateModified: article.updatedAt,
    inLanguage: 'fr',
    articleSection: CATEGORY_LABELS.fr[article.category],
    keywords: [...article.keywords, ...article.tags].join(', '),
    timeRequired: `PT${article.readingMinutes}M`,
    author: { '@type': 'Organization', name: article.authorName },
    publisher: {
      '@type': 'Organization',
      name: 'HuntZen',
      url: publicUrl,
      logo: { '@type': 'ImageObject', url: `${publicUrl}/favicon.svg` },
    },
    mainEntityOfPage: { '@type': 'WebPage', '@id': article.seo.canonicalUrl },
    url: article.seo.canonicalUrl,
  };
  const og = [
    ['og:type', 'article'],
    ['og:site_name', 'HuntZen'],
    ['og:locale', 'fr_FR'],
    ['og:title', article.seo.title],
    ['og:description', article.seo.description],
    ['og:url', article.seo.canonicalUrl],
    ...(image ? [['og:image', image]] : []),
    ['article:published_time', published],
    ['article:modified_time', article.updatedAt],
    ['article:section', CATEGORY_LABELS.fr[article.category]],
    ...article.tags.map((tag) => ['article:tag', tag]),
  ]
    .map(([p, c]) => `<meta property="${p}" content="${e(c!)}">`)
    .join('\n');
  const twitter = [
    ['twitter:card', image ? 'summary_large_image' : 'summary'],
    ['twitter:title', article.seo.title],
    ['twitter:description', article.seo.description],
    ...(image ? [['twitter:image', image]] : []),
  ]
    .map(([n, c]) => `<meta name="${n}" content="${e(c!)}">`)
    .join('\n');
  const keywords = article.keywords.length
    ? `<meta name="keywords" content="${e(article.keywords.join(', '))}">\n`
    : '';
  const head = `${keywords}${og}\n${twitter}\n<script type="application/ld+json">${jsonLd(ld)}</script>\n`;
  const shareBase = `/articles/${encodeURIComponent(article.slug)}/share`;
  const body = `<nav class="crumbs" aria-label="${t.breadcrumb}"><ol>
<li><a href="/">${t.home}</a></li><li><a href="/articles">${t.articles}</a></li>
<li><a href="/articles?category=${article.category}">${e(category)}</a></li>
</ol></nav>
<article lang="fr">
<h1>${e(article.title)}</h1>
<p class="meta">${t.by} ${e(article.authorName)} · ${t.published} <time datetime="${e(published)}">${dateText(published, lang)}</time> · ${t.minutes(article.readingMinutes)}</p>
${image ? `<img class="cover" src="${e(image)}" alt="" width="1200" height="630">` : ''}
<p class="excerpt">${e(article.excerpt)}</p>
<div class="content">
${article.contentHtml}
</div>
${
  article.tags.length
    ? `<section class="tags" aria-label="${t.tags}"><ul>${article.tags.map((tag) => `<li>${e(tag)}</li>`).join('')}</ul></section>`
    : ''
}
<section class="share" aria-labelledby="share-title"><h2 id="share-title">${t.share}</h2><ul>
${SHARES.map((s) => `<li><a href="${shareBase}/${s.network}" rel="nofollow noopener" aria-label="${e(t.shareOn(s.label))}">${s.label}</a></li>`).join('')}
<li><a href="${shareBase}/email" rel="nofollow">${t.shareEmail}</a></li>
</ul></section>
</article>
${
  related.length
    ? `<aside aria-labelledby="related-title"><h2 id="related-title">${t.related}</h2><ul>${related
        .map((r) => `<li><a href="/articles/${e(r.slug)}">${e(r.title)}</a></li>`)
        .join('')}</ul></aside>`
    : ''
}`;
  return shell({
    lang,
    title: `${article.seo.title} · HuntZen`,
    description: article.seo.description,
    canonical: article.seo.canonicalUrl,
    head,
    body,
    path: options.path,
  });
}

export interface ListPageModel {
  items: ArticleSummary[];
  total: number;
  page: number;
  pages: number;
  category: ArticleCategory | null;
  q: string;
  categories: { category: ArticleCategory; count: number }[];
}

function listHref(model: Pick<ListPageModel, 'category' | 'q'>, page: number): string {
  const params = new URLSearchParams();
  if (model.category) params.set('category', model.category);
  if (model.q) params.set('q', model.q);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/articles${query ? `?${query}` : ''}`;
}

/** The public list of published articles: categories, search, pages. */
export function listPage(
  model: ListPageModel,
  options: { lang: PageLanguage; publicUrl: string; path: string },
): string {
  const { lang } = options;
  const t = T[lang];
  const labels = CATEGORY_LABELS[lang];
  const heading = model.category ? `${t.articles} — ${labels[model.category]}` : t.listTitle;
  const cats = `<nav class="cats" aria-label="${t.categories}"><ul>
<li><a href="/articles"${model.category ? '' : ' aria-current="page"'}>${t.all}</a></li>
${model.categories
  .map(
    (c) =>
      `<li><a href="${listHref({ category: c.category, q: '' }, 1)}"${model.category === c.category ? ' aria-current="page"' : ''}>${e(labels[c.category])} (${c.count})</a></li>`,
  )
  .join('\n')}
</ul></nav>`;
  const search = `<form class="search" method="get" action="/articles" role="search">
${model.category ? `<input type="hidden" name="category" value="${model.category}">` : ''}
<label for="q" class="skip">${t.search}</label>
<input id="q" name="q" type="search" value="${e(model.q)}" placeholder="${t.search}" maxlength="200">
<button type="submit">${t.searchButton}</button>
</form>`;
  const cards = model.items
    .map(
      (a) => `<article class="card" lang="fr">
<p class="category">${e(labels[a.category])}</p>
<h2><a href="/articles/${e(a.slug)}">${e(a.title)}</a></h2>
<p>${a.snippet ?? e(a.excerpt)}</p>
<p class="meta"><time datetime="${e(a.publishedAt ?? a.updatedAt)}">${dateText(a.publishedAt ?? a.updatedAt, lang)}</time> · ${t.minutes(a.readingMinutes)}</p>
</article>`,
    )
    .join('\n');
  const pager =
    model.pages > 1
      ? `<nav class="pager" aria-label="${t.pages}"><ul>
${model.page > 1 ? `<li><a href="${e(listHref(model, model.page - 1))}" rel="prev">${t.previous}</a></li>` : ''}
${Array.from({ length: model.pages }, (_, i) => i + 1)
  .map(
    (n) =>
      `<li><a href="${e(listHref(model, n))}"${n === model.page ? ' aria-current="page"' : ''} aria-label="${t.page(n)}">${n}</a></li>`,
  )
  .join('')}
${model.page < model.pages ? `<li><a href="${e(listHref(model, model.page + 1))}" rel="next">${t.next}</a></li>` : ''}
</ul></nav>`
      : '';
  const body = `<h1>${e(heading)}</h1>
<p class="excerpt">${t.listIntro}</p>
${search}
${cats}
<p role="status">${t.results(model.total)}</p>
${cards}
${pager}`;
  const canonical = `${options.publicUrl}${listHref(model, model.page)}`;
  return shell({
    lang,
    title: `${heading}${model.page > 1 ? ` — ${t.page(model.page)}` : ''} · HuntZen`,
    description: t.listIntro,
    canonical,
    body,
    path: options.path,
    // Search results are not pages of their own.
    ...(model.q ? { robots: 'noindex, follow' } : {}),
  });
}

/** The 404 page of an unknown, draft or archived article. */
export function notFoundPage(options: { lang: PageLanguage; publicUrl: string; path: string }): string {
  const t = T[options.lang];
  return shell({
    lang: options.lang,
    title: `${t.notFoundTitle} · HuntZen`,
    description: t.notFound,
    canonical: `${options.publicUrl}/articles`,
    body: `<h1>${t.notFoundTitle}</h1><p>${t.notFound}</p><p><a href="/articles">${t.back}</a></p>`,
    path: options.path,
    robots: 'noindex',
  });
}
