import type {
  CreateUserInput,
  UpdateUserInput,
  User,
  UserList,
  UserQuery,
  UserWithPassword,
} from '../../common/contracts/users';
import { api } from './client';

/** List filters as the page holds them: page and size may be left to the server's defaults. */
export type UserFilters = Partial<UserQuery>;

export const usersApi = {
  list: (filters: UserFilters) => api.get<UserList>('/users', filters),
  get: (id: string) => api.get<User>(`/users/${encodeURIComponent(id)}`),
  create: (input: CreateUserInput) => api.post<UserWithPassword>('/users', input),
  update: (id: string, input: UpdateUserInput) =>
    api.patch<UserWithPassword>(`/users/${encodeURIComponent(id)}`, input),
};
