import type { RouteObject } from 'react-router-dom';
import { guarded, page } from '../../lib/routing';

const BeneficiariesPage = page(() => import('./BeneficiariesPage'), 'BeneficiariesPage');
const HouseholdDetailPage = page(() => import('./HouseholdDetailPage'), 'HouseholdDetailPage');
const HouseholdFormPage = page(() => import('./HouseholdFormPage'), 'HouseholdFormPage');
const EnrolmentPage = page(() => import('./EnrolmentPage'), 'EnrolmentPage');
const ImportPage = page(() => import('./ImportPage'), 'ImportPage');

/** 救助对象: children of the signed-in layout. */
export const beneficiaryRoutes: RouteObject[] = [
  guarded('beneficiaries', 'beneficiaries:read', BeneficiariesPage),
  guarded('beneficiaries/new', 'beneficiaries:manage', HouseholdFormPage),
  guarded('beneficiaries/enrolment', 'beneficiaries:read', EnrolmentPage),
  guarded('beneficiaries/import', 'beneficiaries:manage', ImportPage),
  guarded('beneficiaries/:id', 'beneficiaries:read', HouseholdDetailPage),
];
