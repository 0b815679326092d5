import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  HelpInput,
  Patrol,
  PatrolDetail,
  PatrolInput,
  PlaceInput,
  RecordPersonInput,
  RescuePerson,
  RescuePersonDetail,
  RescueStats,
  RevealedPerson,
} from '../../../common/contracts/rescue';
import type { RescueCategory, RescueStatus } from '../../../common/enums';
import { api } from '../../api/client';

const person = (id: string) => `/rescue/persons/${encodeURIComponent(id)}`;
const keyHeader = (key: string) => ({ 'Idempotency-Key': key });

export interface PersonFilters {
  region?: string;
  status?: RescueStatus;
  category?: RescueCategory;
  minor?: boolean;
  patrolId?: string;
  page?: number;
  pageSize?: number;
}

export const rescueApi = {
  patrols: (page: number, pageSize: number) =>
    api.get<{ items: Patrol[]; total: number }>('/rescue/patrols', { page, pageSize }),
  patrol: (id: string) => api.get<PatrolDetail>(`/rescue/patrols/${encodeURIComponent(id)}`),
  createPatrol: (input: PatrolInput, key: string) =>
    api.post<Patrol>('/rescue/patrols', input, keyHeader(key)),
  persons: (f: PersonFilters) =>
    api.get<{ items: RescuePerson[]; total: number }>('/rescue/persons', { ...f }),
  person: (id: string) => api.get<RescuePersonDetail>(person(id)),
  record: (input: RecordPersonInput, key: string) =>
    api.post<RescuePersonDetail>('/rescue/persons', input, keyHeader(key)),
  help: (id: string, input: HelpInput) => api.post<RescuePersonDetail>(`${person(id)}/help`, input),
  place: (id: string, input: PlaceInput) => api.post<RescuePersonDetail>(`${person(id)}/place`, input),
  confirm: (id: string) => api.post<RescuePersonDetail>(`${person(id)}/confirm-placement`),
  close: (id: string, reason: string) => api.post<RescuePersonDetail>(`${person(id)}/close`, { reason }),
  reveal: (id: string, reason: string) => api.post<RevealedPerson>(`${person(id)}/reveal`, { reason }),
  stats: (region?: string) => api.get<RescueStats>('/rescue/stats', { region }),
};

export const usePatrols = (page: number, pageSize: number) =>
  useQuery({
    queryKey: ['rescue', 'patrols', page, pageSize],
    queryFn: () => rescueApi.patrols(page, pageSize),
    placeholderData: keepPreviousData,
  });
export const usePatrol = (id: string) =>
  useQuery({ queryKey: ['rescue', 'patrol', id], queryFn: () => rescueApi.patrol(id) });
export const usePersons = (f: PersonFilters) =>
  useQuery({
    queryKey: ['rescue', 'persons', f],
    queryFn: () => rescueApi.persons(f),
    placeholderData: keepPreviousData,
  });
export const usePerson = (id: string) =>
  useQuery({ queryKey: ['rescue', 'person', id], queryFn: () => rescueApi.person(id) });
export const useStats = (region?: string) =>
  useQuery({ queryKey: ['rescue', 'stats', region], queryFn: () => rescueApi.stats(region) });

function useInvalidate() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: ['rescue'] });
}

export function useCreatePatrol() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: { input: PatrolInput; key: string }) => rescueApi.createPatrol(v.input, v.key),
    onSuccess: done,
  });
}

export function useRecordPerson() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: { input: RecordPersonInput; key: string }) => rescueApi.record(v.input, v.key),
    onSuccess: done,
  });
}

/** The actions on one person: help, place, confirm after screening, close. */
export function usePersonActions(id: string) {
  const done = useInvalidate();
  return {
    help: useMutation({ mutationFn: (input: HelpInput) => rescueApi.help(id, input), onSuccess: done }),
    place: useMutation({ mutationFn: (input: PlaceInput) => rescueApi.place(id, input), onSuccess: done }),
    confirm: useMutation({ mutationFn: () => rescueApi.confirm(id), onSuccess: done }),
    close: useMutation({ mutationFn: (reason: string) => rescueApi.close(id, reason), onSuccess: done }),
  };
}
