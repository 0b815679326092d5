import type { RouteObject } from 'react-router-dom';
import { guarded, page } from '../../lib/routing';

const SweepsPage = page(() => import('./SweepsPage'), 'SweepsPage');
const SweepDetailPage = page(() => import('./SweepDetailPage'), 'SweepDetailPage');
const WorklistPage = page(() => import('./WorklistPage'), 'WorklistPage');

/** 走访排查: children of the signed-in layout. */
export const sweepRoutes: RouteObject[] = [
  guarded('sweeps', 'sweeps:read', SweepsPage),
  guarded('sweeps/:id', 'sweeps:read', SweepDetailPage),
  guarded('sweeps/:id/worklist', 'sweeps:read', WorklistPage),
];
