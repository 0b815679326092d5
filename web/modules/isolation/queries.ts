import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdmitInput,
  PolicyInput,
  RecordCheckInput,
  RegisterPersonInput,
} from '../../../common/contracts/isolation';
import { isolationApi, type PersonFilters } from '../../api/isolation';

export function usePersons(filters: PersonFilters) {
  return useQuery({
    queryKey: ['isolation', 'list', filters],
    queryFn: () => isolationApi.list(filters),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string) {
  return useQuery({ queryKey: ['isolation', 'person', id], queryFn: () => isolationApi.get(id) });
}

export function usePolicy(region: string) {
  return useQuery({ queryKey: ['isolation', 'policy', region], queryFn: () => isolationApi.policy(region) });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: ['isolation'] });
}

export function useRegister() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (input: RegisterPersonInput) => isolationApi.register(input),
    onSuccess: done,
  });
}

export function useRecordCheck(id: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (input: RecordCheckInput) => isolationApi.recordCheck(id, input),
    onSuccess: done,
  });
}

export function useAdmit(id: string) {
  const done = useInvalidate();
  return useMutation({ mutationFn: (input: AdmitInput) => isolationApi.admit(id, input), onSuccess: done });
}

export function useSetPolicy() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (input: PolicyInput) => isolationApi.setPolicy(input), onSuccess: done });
}
