import type {
  PlanRoundInput,
  RecordResultAnswer,
  RecordResultInput,
  Round,
  RoundDetail,
} from '../../common/contracts/test-rounds';
import { api } from './client';

const one = (id: string) => `/test-rounds/${encodeURIComponent(id)}`;

export const testRoundsApi = {
  list: (region?: string) => api.get<{ items: Round[] }>('/test-rounds', { region }),
  plan: (input: PlanRoundInput) => api.post<Round>('/test-rounds', input),
  get: (id: string, region?: string) => api.get<RoundDetail>(one(id), { region }),
  institutions: (id: string, params: { region?: string; missing?: boolean }) =>
    api.get<{ items: RoundInstitutionItem[] }>(`${one(id)}/institutions`, {
      region: params.region,
      missing: params.missing === undefined ? undefined : String(params.missing),
    }),
  record: (id: string, input: RecordResultInput) => api.post<RecordResultAnswer>(`${one(id)}/results`, input),
};

export interface RoundInstitutionItem {
  institutionId: string;
  name: string;
  type: RoundDetail['types'][number];
  regionCode: string;
  residents: number;
  staff: number;
  result: RecordResultAnswer['result'] | null;
  carriedOver: { who: 'resident' | 'staff'; label: string; reason: string }[];
}
