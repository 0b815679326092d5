import { useState } from 'react';
import { ArrowLeftOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Form, Input, Result, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { WelfareTask } from '../../../common/contracts/reminders';
import { errorMessage } from '../../api/client';
import { remindersApi } from '../../api/reminders';
import { useCan } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { formatDate, formatMinute } from '../../lib/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useInvalidateReminders } from './queries';
import { PhoneLink, WelfareStatusTag } from './WelfareTasksPage';

/**
 * The server has no GET for one task: it is looked up among the region's tasks, the open ones first
 * (a task linked from a notification is almost always still open).
 */
async function findTask(id: string): Promise<WelfareTask | null> {
  for (const status of ['open', 'done'] as const) {
    const list = await remindersApi.welfareTasks({ status, pageSize: 200 });
    const hit = list.items.find((t) => t.id === id);
    if (hit) return hit;
  }
  return null;
}

export function WelfareTaskDetailPage() {
  const { id = '' } = useParams<{ id: string }>();
  const task = useQuery({ queryKey: ['reminders', 'welfare', 'detail', id], queryFn: () => findTask(id) });
  if (task.error) return <QueryError error={task.error} onRetry={() => void task.refetch()} />;
  if (task.data === undefined) return <Skeleton active />;
  if (task.data === null)
    return (
      <Result
        status="404"
        title="没有找到这项核查任务"
        subTitle="任务可能不在您的辖区内"
        extra={<Link to="/reminders/welfare-tasks">返回探访核查</Link>}
      />
    );
  return <TaskView task={task.data} />;
}

function DoneForm({ task }: { task: WelfareTask }) {
  const { message } = App.useApp();
  const invalidate = useInvalidateReminders();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ note }: { note: string }) => {
    setBusy(true);
    try {
      await remindersApi.completeWelfareTask(task.id, note.trim());
      void message.success('核查结果已记录，任务已办结');
      invalidate();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="记录核查结果">
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        <Form.Item
          name="note"
          label="核查情况"
          rules={[
            { required: true, whitespace: true, message: '请填写核查情况' },
            { min: 2, message: '请填写核查情况' },
            { max: 2000, message: '最多 2000 字' },
          ]}
        >
          <Input.TextArea
            rows={4}
            maxLength={2000}
            placeholder="如：已电话联系负责人，机构运转正常，填报员因病未报，已安排代报"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<CheckCircleOutlined />} loading={busy} block>
          核查完毕，办结任务
        </Button>
      </Form>
    </Card>
  );
}

function TaskView({ task: t }: { task: WelfareTask }) {
  const canDo = useCan('reminders:welfare');
  return (
    <div className="fx-form-page">
      <PageHeader
        top={
          <Link to="/reminders/welfare-tasks" className="fx-back">
            <ArrowLeftOutlined /> 探访核查
          </Link>
        }
        title={<span className="fx-break">{t.institutionName}</span>}
        subtitle={`${t.regionName} · 任务生成于 ${formatMinute(t.createdAt)}`}
        extra={<WelfareStatusTag task={t} />}
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'reason', label: '原因', children: <span className="fx-break">{t.reason}</span> },
              { key: 'date', label: '第二个未报日', children: formatDate(t.date) },
              { key: 'person', label: '负责人', children: t.responsiblePerson },
              { key: 'phone', label: '负责人电话', children: <PhoneLink phone={t.responsiblePhone} /> },
              { key: 'duty', label: '值班电话', children: <PhoneLink phone={t.dutyPhone} /> },
            ]}
          />
        </Card>
        {t.status === 'done' ? (
          <Card size="small" title="核查结果">
            <div className="fx-notice-body fx-break">{t.note}</div>
            <Typography.Text type="secondary" className="fx-small">
              {t.doneByName} 于 {formatMinute(t.doneAt)} 办结
            </Typography.Text>
          </Card>
        ) : canDo ? (
          <DoneForm task={t} />
        ) : (
          <Typography.Text type="secondary">由乡镇（街道）或县级民政干部核查办结。</Typography.Text>
        )}
      </Flex>
    </div>
  );
}
