// The translation bundles: the shell's (fr.json, en.json) and each feature's own file, merged under
// the feature's top-level key. English must have every key of French and the other way round.
import auditEn from '../features/audit/audit.en.json';
import auditFr from '../features/audit/audit.fr.json';
import mediaEn from '../features/media/media.en.json';
import mediaFr from '../features/media/media.fr.json';
import enBase from './en.json';
import frBase from './fr.json';

export const fr = { ...frBase, ...auditFr, ...mediaFr };
export const en: typeof fr = { ...enBase, ...auditEn, ...mediaEn };
// The reverse check: French has every English key.
const _frCoversEn: typeof en = fr;
void _frCoversEn;
