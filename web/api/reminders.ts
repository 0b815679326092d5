import type {
  Ladder,
  LadderInput,
  ReminderLog,
  ReminderLogQuery,
  WelfareTask,
  WelfareTaskList,
  WelfareTaskQuery,
} from '../../common/contracts/reminders';
import { api, queryString } from './client';

export const remindersApi = {
  /** The ladder in force for a region (its own, inherited or the default). */
  ladder: (region?: string) => api.get<Ladder>('/reminders/ladder', { region }),
  setLadder: (region: string, input: LadderInput) =>
    api.put<Ladder>(`/reminders/ladder${queryString({ region })}`, input),
  log: (params: Partial<ReminderLogQuery>) => api.get<ReminderLog>('/reminders/log', { ...params }),
  welfareTasks: (params: Partial<WelfareTaskQuery>) =>
    api.get<WelfareTaskList>('/reminders/welfare-tasks', { ...params }),
  completeWelfareTask: (id: string, note: string) =>
    api.post<WelfareTask>(`/reminders/welfare-tasks/${encodeURIComponent(id)}/done`, { note }),
};
