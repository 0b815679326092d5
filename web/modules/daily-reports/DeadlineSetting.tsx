import { useState } from 'react';
import { ClockCircleOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Space, Tag, Typography } from 'antd';
import type { Region } from '../../../common/contracts/regions';
import { isWithin } from '../../../common/region-code';
import { errorMessage } from '../../api/client';
import { useCan, useUser } from '../../lib/auth';
import { useDeadline, useSetDeadline } from './queries';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DEFAULT_TIME = '17:30';

/**
 * The deadline in force for the region and where it comes from; officers who may configure it set
 * it for a region of their scope (the regions below inherit it unless they set their own).
 */
export function DeadlineSetting({
  regionCode,
  regionName,
  ancestors,
}: {
  regionCode: string;
  regionName: string;
  ancestors: Region[];
}) {
  const user = useUser();
  const { message } = App.useApp();
  const canConfigure = useCan('reports:configure') && isWithin(regionCode, user.regionCode);
  const deadline = useDeadline(regionCode);
  const save = useSetDeadline();
  const [editing, setEditing] = useState(false);
  const [time, setTime] = useState('');

  if (!deadline.data) return null;
  const { time: current, inheritedFrom } = deadline.data;
  const from = inheritedFrom
    ? (ancestors.find((a) => a.code === inheritedFrom)?.name ?? inheritedFrom)
    : null;
  const source = from ? `继承自${from}` : current === DEFAULT_TIME ? '默认' : '本级设置';

  const submit = () => {
    if (!TIME.test(time)) {
      void message.warning('请填写 HH:MM 格式的时间，如 17:30');
      return;
    }
    save.mutate(
      { regionCode, time },
      {
        onSuccess: (d) => {
          setEditing(false);
          void message.success(`${regionName}报送截止时间已设为 ${d.time}`);
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  };

  return (
    <Flex wrap align="center" gap={8} className="fx-deadline-setting" data-testid="deadline-setting">
      <ClockCircleOutlined className="fx-muted" />
      <Typography.Text>
        报送截止 <b data-testid="deadline-time">{current}</b>
      </Typography.Text>
      <Tag>{source}</Tag>
      {canConfigure && !editing ? (
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => {
            setTime(current);
            setEditing(true);
          }}
        >
          设置截止时间
        </Button>
      ) : null}
      {editing ? (
        <Space.Compact>
          <Input
            type="time"
            aria-label="截止时间"
            value={time}
            onChange={(e) => setTime(e.target.value)}
            onPressEnter={submit}
            style={{ width: 120 }}
          />
          <Button type="primary" loading={save.isPending} onClick={submit}>
            保存
          </Button>
          <Button onClick={() => setEditing(false)} disabled={save.isPending}>
            取消
          </Button>
        </Space.Compact>
      ) : null}
    </Flex>
  );
}
