import { useState } from 'react';
import { App, Button, Card, Drawer, Empty, Flex, Form, Input, Spin } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { regionLevel } from '../../../common/region-code';
import { errorMessage } from '../../api/client';
import { useCan, useUser } from '../../lib/auth';
import { formatMinute } from '../../lib/format';
import { useIsMobile } from '../../lib/responsive';
import { DataView } from '../../components/DataView';
import { QueryError } from '../../components/QueryError';
import { RegionPicker } from '../../components/RegionPicker';
import { assistanceApi, type FundRow } from './api';
import { formatFen, yuanRule, yuanToFen } from './money';
import { useFunds, useInvalidateAssistance, useLedger } from './queries';
import { ThresholdForm } from './ThresholdForm';

const MOVEMENT_LABELS: Record<string, string> = { allocation: '县级拨付', payment: '发放救助' };

/** 备用金台账: every movement of one town's reserve, newest first. */
function LedgerDrawer({ townCode, onClose }: { townCode: string | null; onClose: () => void }) {
  const mobile = useIsMobile();
  const ledger = useLedger(townCode);
  const fund = ledger.data?.fund;
  return (
    <Drawer
      open={!!townCode}
      onClose={onClose}
      placement={mobile ? 'bottom' : 'right'}
      size={mobile ? '85%' : 480}
      title={fund ? `${fund.townName} 备用金台账` : '备用金台账'}
      destroyOnHidden
    >
      {ledger.error ? <QueryError error={ledger.error} onRetry={() => void ledger.refetch()} /> : null}
      {ledger.isLoading ? <Spin /> : null}
      {fund ? (
        <div className="fx-block">
          当前余额 <span className="fx-strong">{formatFen(fund.balanceFen)}</span>
        </div>
      ) : null}
      {ledger.data && ledger.data.movements.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无收支记录" />
      ) : null}
      <Flex vertical gap={8}>
        {ledger.data?.movements.map((m) => (
          <Card key={m.id} size="small" data-movement-id={m.id}>
            <Flex justify="space-between" align="center" gap={8}>
              <span className="fx-strong">{MOVEMENT_LABELS[m.kind] ?? m.kind}</span>
              <span className={m.amountFen < 0 ? 'fx-danger fx-strong' : 'fx-strong'}>
                {m.amountFen > 0 ? '+' : ''}
                {formatFen(m.amountFen)}
              </span>
            </Flex>
            <div className="fx-muted fx-small">
              余额 {formatFen(m.balanceAfterFen)} · {m.byName} · {formatMinute(m.createdAt)}
            </div>
            {m.note ? <div className="fx-small fx-break">{m.note}</div> : null}
          </Card>
        ))}
      </Flex>
    </Drawer>
  );
}

interface AllocateValues {
  townCode?: string;
  amount: string;
  note?: string;
}

/** 拨付备用金: the county tops up a town's reserve. */
function AllocateForm() {
  const user = useUser();
  const { message } = App.useApp();
  const invalidate = useInvalidateAssistance();
  const [form] = Form.useForm<AllocateValues>();
  const allocate = useMutation({
    mutationFn: (v: AllocateValues) =>
      assistanceApi.allocate({
        townCode: v.townCode!,
        amountFen: yuanToFen(v.amount)!,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }),
    onSuccess: (f) => {
      void message.success(`已拨付，${f.townName} 余额 ${formatFen(f.balanceFen)}`);
      form.resetFields();
    },
    onError: (e) => void message.error(errorMessage(e)),
    onSettled: invalidate,
  });
  return (
    <Form<AllocateValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(v) => allocate.mutate(v)}
      disabled={allocate.isPending}
    >
      <Form.Item
        name="townCode"
        label="拨付到乡镇（街道）"
        rules={[
          { required: true, message: '请选择乡镇（街道）' },
          {
            validator: (_, v: string | undefined) =>
              !v || regionLevel(v) === 'town' ? Promise.resolve() : Promise.reject(new Error('备用金须拨付到乡镇（街道）')),
          },
        ]}
      >
        <RegionPicker rootCode={user.regionCode} placeholder="输入乡镇或街道名称" />
      </Form.Item>
      <Form.Item name="amount" label="金额（元）" rules={[{ required: true, message: '请输入金额' }, yuanRule]}>
        <Input inputMode="decimal" prefix="¥" placeholder="如 50000" autoComplete="off" maxLength={15} />
      </Form.Item>
      <Form.Item name="note" label="备注" rules={[{ max: 200, message: '最多 200 字' }]}>
        <Input maxLength={200} placeholder="如：第二批临时救助备用金" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={allocate.isPending}>
        拨付
      </Button>
    </Form>
  );
}

/** 乡镇备用金: balances per town, a ledger per town, and (for the county) the allocate form. */
export function FundsCard({ region }: { region?: string }) {
  const canAllocate = useCan('assistance:allocate');
  const funds = useFunds(region);
  const [ledgerOf, setLedgerOf] = useState<string | null>(null);
  const [allocating, setAllocating] = useState(false);
  const rows = funds.data?.items ?? [];
  const ledgerButton = (f: FundRow) => (
    <Button size="small" onClick={() => setLedgerOf(f.townCode)}>
      台账
    </Button>
  );
  const columns: TableColumnsType<FundRow> = [
    { title: '乡镇（街道）', key: 'town', render: (_, f) => f.townName },
    {
      title: '余额',
      key: 'balance',
      align: 'right',
      render: (_, f) => (
        <span className={f.balanceFen <= 0 ? 'fx-danger fx-strong' : 'fx-strong'}>{formatFen(f.balanceFen)}</span>
      ),
    },
    { title: '更新时间', key: 'updatedAt', render: (_, f) => formatMinute(f.updatedAt) },
    { title: '', key: 'ops', render: (_, f) => ledgerButton(f) },
  ];
  return (
    <Card
      size="small"
      title="乡镇备用金"
      className="fx-block"
      extra={
        canAllocate ? (
          <Button size="small" type={allocating ? 'default' : 'primary'} onClick={() => setAllocating((v) => !v)}>
            {allocating ? '收起' : '拨付备用金'}
          </Button>
        ) : null
      }
    >
      <ThresholdForm region={region} />
      {allocating ? (
        <Card size="small" className="fx-block" title="拨付备用金">
          <AllocateForm />
        </Card>
      ) : null}
      {funds.error ? <QueryError error={funds.error} onRetry={() => void funds.refetch()} /> : null}
      <DataView<FundRow>
        rows={rows}
        rowKey={(f) => f.townCode}
        columns={columns}
        loading={funds.isFetching && !funds.data}
        emptyText="暂无乡镇备用金"
        renderCard={(f) => (
          <Flex justify="space-between" align="center" gap={8} data-town-code={f.townCode}>
            <Flex vertical gap={0}>
              <span className="fx-card-title">{f.townName}</span>
              <span className={f.balanceFen <= 0 ? 'fx-danger fx-strong' : 'fx-strong'}>{formatFen(f.balanceFen)}</span>
              <span className="fx-muted fx-small">更新于 {formatMinute(f.updatedAt)}</span>
            </Flex>
            {ledgerButton(f)}
          </Flex>
        )}
      />
      <LedgerDrawer townCode={ledgerOf} onClose={() => setLedgerOf(null)} />
    </Card>
  );
}
