import { useState } from 'react';
import { App, Button, Flex, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { countyOf, regionLevel } from '../../../common/region-code';
import { errorMessage } from '../../api/client';
import { useCan, useUser } from '../../lib/auth';
import { formatMinute } from '../../lib/format';
import { QueryError } from '../../components/QueryError';
import { assistanceApi } from './api';
import { formatFen, yuanToFen } from './money';
import { useInvalidateAssistance, useThreshold } from './queries';

/** The county of a county, town or village code; null above the county. */
export function countyOrNull(code: string): string | null {
  return ['county', 'town', 'village'].includes(regionLevel(code)) ? countyOf(code) : null;
}

const thresholdRule = {
  validator: (_: unknown, v: string | undefined) => {
    if (!v) return Promise.resolve();
    const fen = yuanToFen(v);
    if (fen === null) return Promise.reject(new Error('请输入金额（元），最多两位小数'));
    if (fen > 100_000_000) return Promise.reject(new Error('不超过 ¥1,000,000.00'));
    return Promise.resolve();
  },
};

/** 大额审批起点: the county's threshold above which a grant waits for a second person; set by the county. */
export function ThresholdForm({ region }: { region?: string }) {
  const user = useUser();
  const canSet = useCan('assistance:allocate');
  const { message } = App.useApp();
  const invalidate = useInvalidateAssistance();
  const county = countyOrNull(region ?? user.regionCode);
  const threshold = useThreshold(county);
  const [editing, setEditing] = useState(false);
  const save = useMutation({
    mutationFn: (v: { amount: string }) => assistanceApi.setThreshold({ countyCode: county!, thresholdFen: yuanToFen(v.amount)! }),
    onSuccess: (t) => {
      void message.success(`${t.countyName} 大额审批起点已设为 ${formatFen(t.thresholdFen)}`);
      setEditing(false);
    },
    onError: (e) => void message.error(errorMessage(e)),
    onSettled: invalidate,
  });
  if (!county) return <div className="fx-muted fx-small fx-block">选择区县或乡镇后可查看该县的大额救助审批起点</div>;
  if (threshold.error) return <QueryError error={threshold.error} onRetry={() => void threshold.refetch()} />;
  const t = threshold.data;
  if (!t) return null;
  return (
    <div className="fx-block" data-testid="approval-threshold">
      <Flex wrap justify="space-between" align="center" gap={8}>
        <span>
          {t.countyName} 大额审批起点 <span className="fx-strong">{formatFen(t.thresholdFen)}</span>
          {t.isDefault ? '（默认）' : ''}
        </span>
        {canSet && !editing ? (
          <Button size="small" onClick={() => setEditing(true)}>
            修改起点
          </Button>
        ) : null}
      </Flex>
      <div className="fx-muted fx-small">
        单笔超过该金额的救助须另一人审批
        {t.updatedByName && t.updatedAt ? ` · ${t.updatedByName} 于 ${formatMinute(t.updatedAt)} 设置` : ''}
      </div>
      {editing ? (
        <Form<{ amount: string }>
          layout="inline"
          requiredMark={false}
          initialValues={{ amount: String(t.thresholdFen / 100) }}
          onFinish={(v) => save.mutate(v)}
          disabled={save.isPending}
          style={{ marginTop: 8, rowGap: 8 }}
        >
          <Form.Item name="amount" label="审批起点（元）" rules={[{ required: true, message: '请输入金额' }, thresholdRule]}>
            <Input inputMode="decimal" prefix="¥" autoComplete="off" maxLength={15} style={{ width: 140 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
          <Button onClick={() => setEditing(false)}>取消</Button>
        </Form>
      ) : null}
    </div>
  );
}
