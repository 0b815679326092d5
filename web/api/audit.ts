import type { AuditList, AuditQuery, AuditVerifyResult } from '../../common/contracts/audit';
import { api } from './client';

export type AuditFilters = Partial<AuditQuery>;

export const auditApi = {
  list: (filters: AuditFilters) => api.get<AuditList>('/audit', filters),
  verify: () => api.get<AuditVerifyResult>('/audit/verify'),
};
