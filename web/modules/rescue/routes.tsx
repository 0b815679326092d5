import type { RouteObject } from 'react-router-dom';
import { guarded, page } from '../../lib/routing';

const RescuePage = page(() => import('./RescuePage'), 'RescuePage');
const PatrolsPage = page(() => import('./PatrolsPage'), 'PatrolsPage');
const PatrolPage = page(() => import('./PatrolPage'), 'PatrolPage');
const RecordPersonPage = page(() => import('./RecordPersonPage'), 'RecordPersonPage');
const PersonPage = page(() => import('./PersonPage'), 'PersonPage');

/** 流浪乞讨救助: children of the signed-in layout. */
export const rescueRoutes: RouteObject[] = [
  guarded('rescue', 'rescue:read', RescuePage),
  guarded('rescue/patrols', 'rescue:read', PatrolsPage),
  guarded('rescue/patrols/:id', 'rescue:read', PatrolPage),
  guarded('rescue/persons/new', 'rescue:record', RecordPersonPage),
  guarded('rescue/persons/:id', 'rescue:read', PersonPage),
];
