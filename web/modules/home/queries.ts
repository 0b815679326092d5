import { useQuery } from '@tanstack/react-query';
import { regionsApi } from '../../api/regions';

export function useRegion(code: string) {
  return useQuery({ queryKey: ['regions', code], queryFn: () => regionsApi.get(code) });
}

export function useRegionChildren(code: string) {
  return useQuery({ queryKey: ['regions', code, 'children'], queryFn: () => regionsApi.children(code) });
}
