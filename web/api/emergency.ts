import type {
  ClosureOrder,
  ClosureOrderDetail,
  IssueOrderInput,
  LiftOrderInput,
  LiftResult,
  OrderQuery,
  ResponseResult,
  SetResponseInput,
  Summary,
} from '../../common/contracts/emergency';
import type { ResponseLevel } from '../../common/enums';
import { api } from './client';

export type OrderFilters = Partial<OrderQuery>;

export interface ResponseEntry {
  id: string;
  regionCode: string;
  regionName: string;
  level: ResponseLevel;
  previousLevel: ResponseLevel;
  reason: string | null;
  setByName: string;
  effectiveAt: string;
}

const order = (id: string) => `/emergency/orders/${encodeURIComponent(id)}`;

export const emergencyApi = {
  summary: (region?: string) => api.get<Summary>('/emergency/summary', { region }),
  setResponse: (input: SetResponseInput) => api.post<ResponseResult>('/emergency/responses', input),
  responses: (region?: string) => api.get<{ items: ResponseEntry[] }>('/emergency/responses', { region }),
  orders: (filters: OrderFilters) =>
    api.get<{ items: ClosureOrder[]; total: number }>('/emergency/orders', filters),
  order: (id: string) => api.get<ClosureOrderDetail>(order(id)),
  issueOrder: (input: IssueOrderInput) => api.post<ClosureOrder>('/emergency/orders', input),
  lift: (id: string, input: LiftOrderInput) => api.post<LiftResult>(`${order(id)}/lift`, input),
};
