// One page address, one component per role: e.g. /app/practitioners is the directory for an
// employee and the validation queue for HuntZen's admins. Each role's module loads on demand.
import type { Role } from '@huntzen/contracts';
import { type ComponentType, type LazyExoticComponent, lazy, Suspense } from 'react';
import { useAuth } from '../features/auth/auth-context';

export type PageLoader = () => Promise<ComponentType>;

// One lazy component per loader for the life of the page, so React keeps its state across renders.
const lazyPages = new Map<PageLoader, LazyExoticComponent<ComponentType>>();

function lazyPageOf(load: PageLoader) {
  let page = lazyPages.get(load);
  if (!page) {
    page = lazy(async () => ({ default: await load() }));
    lazyPages.set(load, page);
  }
  return page;
}

/** Renders the page of the signed-in user's role (the route guard has already checked the role). */
export function RolePage({ pages }: { pages: Partial<Record<Role, PageLoader>> }) {
  const { role } = useAuth();
  const load = role ? pages[role] : undefined;
  if (!load) return null;
  const Page = lazyPageOf(load);
  return (
    <Suspense fallback={null}>
      <Page />
    </Suspense>
  );
}
