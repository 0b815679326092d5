import type {
  ChangePasswordInput,
  LoginInput,
  SecurityPolicy,
  SecurityPolicyInput,
  SessionInfo,
  SessionUser,
  TotpEnableInput,
  TotpSetup,
} from '../../common/contracts/auth';
import { api } from './client';

export const authApi = {
  login: (input: LoginInput) => api.post<SessionInfo>('/auth/login', input),
  me: () => api.get<SessionInfo>('/auth/me'),
  logout: () => api.post<{ ok: true }>('/auth/logout'),
  changePassword: (input: ChangePasswordInput) => api.post<SessionInfo>('/auth/password', input),
  totpSetup: () => api.post<TotpSetup>('/auth/totp/setup'),
  totpEnable: (input: TotpEnableInput) => api.post<SessionUser>('/auth/totp/enable', input),
  policy: () => api.get<SecurityPolicy>('/auth/policy'),
  setPolicy: (input: SecurityPolicyInput) => api.put<SecurityPolicy>('/auth/policy', input),
};
