import { useState } from 'react';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, InputNumber, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { businessDay } from '../../../common/business-day';
import type { Ladder, LadderStep, ReminderLog } from '../../../common/contracts/reminders';
import { REMINDER_TARGETS, REMINDER_TARGET_LABELS } from '../../../common/enums';
import { errorMessage } from '../../api/client';
import { remindersApi } from '../../api/reminders';
import { useCan, useUser } from '../../lib/auth';
import { formatMinute } from '../../lib/format';
import { DEFAULT_PAGE_SIZE, positiveInt, toSearchParams } from '../../lib/url-state';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { stepLabel, useInvalidateReminders, useLadder, useReminderLog } from './queries';

type LogEntry = ReminderLog['items'][number];

function sortSteps(steps: LadderStep[]): LadderStep[] {
  return [...steps].sort((a, b) => a.minutes - b.minutes);
}

function LadderEditor({ ladder, region, onDone }: { ladder: Ladder; region: string; onDone: () => void }) {
  const { message } = App.useApp();
  const invalidate = useInvalidateReminders();
  const [form] = Form.useForm<{ steps: LadderStep[] }>();
  const [busy, setBusy] = useState(false);
  const save = async ({ steps }: { steps: LadderStep[] }) => {
    setBusy(true);
    try {
      await remindersApi.setLadder(region, { steps: sortSteps(steps) });
      void message.success('提醒阶梯已保存，下级区划未单独设置的随之生效');
      invalidate();
      onDone();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} initialValues={{ steps: sortSteps(ladder.steps) }} onFinish={(v) => void save(v)}>
      <Form.List
        name="steps"
        rules={[
          {
            validator: async (_, steps: LadderStep[] | undefined) => {
              if (!steps?.length) throw new Error('至少设置一个提醒步骤');
              if (steps.length > 6) throw new Error('最多设置 6 个提醒步骤');
              if (new Set(steps.map((s) => s.minutes)).size !== steps.length)
                throw new Error('同一时间点只能设置一个提醒步骤');
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap={8}>
            {fields.map((f) => (
              <Flex key={f.key} gap={8} align="flex-start" className="fx-ladder-row">
                <Form.Item
                  name={[f.name, 'minutes']}
                  rules={[{ required: true, message: '请填写分钟数' }]}
                  style={{ margin: 0 }}
                >
                  <InputNumber
                    min={-720}
                    max={720}
                    precision={0}
                    suffix="分钟"
                    style={{ width: 112 }}
                    aria-label="相对截止时间的分钟数"
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'target']} rules={[{ required: true, message: '请选择对象' }]} style={{ margin: 0 }}>
                  <Select
                    style={{ width: 140 }}
                    aria-label="提醒对象"
                    options={REMINDER_TARGETS.map((t) => ({ value: t, label: REMINDER_TARGET_LABELS[t] }))}
                  />
                </Form.Item>
                <Button icon={<DeleteOutlined />} aria-label="删除此步骤" onClick={() => remove(f.name)} />
              </Flex>
            ))}
            <Form.ErrorList errors={errors} />
            <Typography.Text type="secondary" className="fx-small">
              负数为截止前，0 为截止时，正数为截止后（最多前后 720 分钟）。
            </Typography.Text>
            <Space wrap>
              <Button
                icon={<PlusOutlined />}
                disabled={fields.length >= 6}
                onClick={() => add({ minutes: 60, target: 'county' })}
              >
                添加步骤
              </Button>
              <Button type="primary" htmlType="submit" loading={busy}>
                保存
              </Button>
              <Button onClick={onDone}>取消</Button>
            </Space>
          </Flex>
        )}
      </Form.List>
    </Form>
  );
}

function LadderCard({ region, regionName }: { region: string; regionName: string }) {
  const ladder = useLadder(region);
  const canConfigure = useCan('reports:configure');
  const [editing, setEditing] = useState(false);
  const source = !ladder.data
    ? ''
    : ladder.data.inheritedFrom
      ? `继承自上级（${ladder.data.inheritedFrom}）`
      : ladder.data.isDefault
        ? '系统默认'
        : '本级设置';
  return (
    <Card
      size="small"
      className="fx-block"
      title={`${regionName}未报送提醒阶梯`}
      extra={
        canConfigure && ladder.data && !editing ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            修改
          </Button>
        ) : undefined
      }
    >
      {ladder.error ? <QueryError error={ladder.error} onRetry={() => void ladder.refetch()} /> : null}
      {ladder.data && editing ? (
        <LadderEditor ladder={ladder.data} region={region} onDone={() => setEditing(false)} />
      ) : ladder.data ? (
        <Flex vertical gap={6} data-testid="ladder">
          <Typography.Text type="secondary" className="fx-small">
            当前生效：{source}
          </Typography.Text>
          {sortSteps(ladder.data.steps).map((s) => (
            <Flex key={s.minutes} gap={8} align="center" wrap>
              <Tag color={s.minutes < 0 ? 'blue' : s.minutes === 0 ? 'orange' : 'red'}>{stepLabel(s.minutes)}</Tag>
              <span>提醒{REMINDER_TARGET_LABELS[s.target]}</span>
            </Flex>
          ))}
          <Typography.Text type="secondary" className="fx-small">
            站内通知与外部推送通道同时发送；连续两日未报的机构生成<Link to="/reminders/welfare-tasks">探访核查</Link>任务。
          </Typography.Text>
        </Flex>
      ) : null}
    </Card>
  );
}

const logColumns: TableColumnsType<LogEntry> = [
  { title: '机构', key: 'inst', render: (_, e) => e.institutionName },
  { title: '步骤', key: 'step', render: (_, e) => stepLabel(e.step) },
  { title: '提醒对象', key: 'target', render: (_, e) => REMINDER_TARGET_LABELS[e.target] },
  { title: '接收人数', key: 'recipients', render: (_, e) => e.recipients },
  { title: '发送时间', key: 'sent', render: (_, e) => formatMinute(e.sentAt) },
];

export function RemindersPage() {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const today = businessDay(new Date());
  const rawDate = params.get('date');
  const date = rawDate && /^\d{4}-\d{2}-\d{2}$/.test(rawDate) ? rawDate : today;
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  const log = useReminderLog({ date, page, pageSize });
  const update = (next: { date: string; page?: number; pageSize?: number }) =>
    setParams(
      toSearchParams({
        date: next.date === today ? undefined : next.date,
        page: next.page,
        pageSize: next.pageSize,
      }),
    );
  return (
    <div>
      <PageHeader title="催报提醒" subtitle="未按时报送的机构，按阶梯依次提醒机构、乡镇和县级" />
      <LadderCard region={user.regionCode} regionName={user.regionName} />
      <Card
        size="small"
        title="提醒记录"
        extra={
          <DatePicker
            size="small"
            allowClear={false}
            value={dayjs(date)}
            disabledDate={(d) => d.format('YYYY-MM-DD') > today}
            onChange={(d) => d && update({ date: d.format('YYYY-MM-DD'), pageSize })}
            inputReadOnly
            aria-label="提醒日期"
          />
        }
      >
        {log.error ? <QueryError error={log.error} onRetry={() => void log.refetch()} /> : null}
        <DataView<LogEntry>
          rows={log.data?.items ?? []}
          rowKey={(e) => e.id}
          columns={logColumns}
          renderCard={(e) => (
            <Flex vertical gap={2}>
              <Typography.Text strong className="fx-break">
                {e.institutionName}
              </Typography.Text>
              <span className="fx-small">
                {stepLabel(e.step)} · 提醒{REMINDER_TARGET_LABELS[e.target]}（{e.recipients} 人）
              </span>
              <span className="fx-muted fx-small">{formatMinute(e.sentAt)}</span>
            </Flex>
          )}
          loading={log.isFetching && !log.data}
          emptyText="当日没有发送提醒"
          paging={{
            page,
            pageSize,
            total: log.data?.total ?? 0,
            onChange: (p, size) => update({ date, page: size === pageSize ? p : 1, pageSize: size }),
          }}
        />
      </Card>
    </div>
  );
}
