import type { RouteObject } from 'react-router-dom';
import { guarded, page } from '../../lib/routing';

const CallPage = page(() => import('./CallPage'), 'CallPage');

/** Hotline case pages: children of the signed-in layout (the cockpit and statistics are in web/routes.tsx). */
export const hotlineRoutes: RouteObject[] = [guarded('hotline/calls/:id', 'hotline:read', CallPage)];
