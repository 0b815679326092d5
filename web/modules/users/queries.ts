import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { usersApi, type UserFilters } from '../../api/users';

export function useUserList(filters: UserFilters) {
  return useQuery({
    queryKey: ['users', 'list', filters],
    queryFn: () => usersApi.list(filters),
    placeholderData: keepPreviousData,
  });
}

/** After a change: the lists and the region figures (user counts) are stale. */
export function useInvalidateUsers() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['users'] });
    void client.invalidateQueries({ queryKey: ['regions'] });
  };
}
