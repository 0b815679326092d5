import type { BelowNorm, InstitutionStock, RecordMovementInput } from '../../common/contracts/supplies';
import type { SupplyCategory } from '../../common/enums';
import { api } from './client';

export interface MovementRow {
  id: string;
  category: string;
  kind: 'receipt' | 'adjustment' | 'consumption';
  delta: number;
  day: string;
  sourceId: string | null;
  note: string | null;
  createdByName: string;
  createdAt: string;
}

export const suppliesApi = {
  stock: (institutionId: string) => api.get<InstitutionStock>('/supplies', { institutionId }),
  movements: (institutionId: string, category?: SupplyCategory, limit = 50) =>
    api.get<{ items: MovementRow[] }>('/supplies/movements', { institutionId, category, limit }),
  record: (input: RecordMovementInput) => api.post<InstitutionStock>('/supplies/movements', input),
  belowNorm: (region?: string) => api.get<BelowNorm>('/supplies/below-norm', { region }),
};
