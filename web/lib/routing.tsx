import { lazy, type ComponentType } from 'react';
import type { RouteObject } from 'react-router-dom';
import type { Permission } from '../../common/permissions';
import { RequirePermission } from '../layouts/guards';

/** A page that loads on first visit: a phone on a slow network downloads only what it opens. */
export function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

/** A signed-in route shown only to holders of a permission (others see 403). */
export function guarded(path: string, permission: Permission, Page: ComponentType): RouteObject {
  return {
    path,
    element: (
      <RequirePermission permission={permission}>
        <Page />
      </RequirePermission>
    ),
  };
}
