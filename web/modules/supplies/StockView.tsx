import '../../components/work-pages.css';
import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Skeleton,
  Tag,
  Typography,
  message,
} from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { businessDay } from '../../../common/business-day';
import { MOVEMENT_KIND_LABELS, type StockItem } from '../../../common/contracts/supplies';
import {
  INSTITUTION_TYPE_LABELS,
  SUPPLY_CATEGORIES,
  SUPPLY_CATEGORY_LABELS,
  type SupplyCategory,
} from '../../../common/enums';
import { errorMessage } from '../../api/client';
import { DataView } from '../../components/DataView';
import { QueryError } from '../../components/QueryError';
import { Sheet } from '../../components/Sheet';
import { useCan } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { formatMinute } from '../../lib/format';
import { coverText, qty, useMovements, useRecordMovement, useStock } from './queries';

interface MoveValues {
  kind: 'receipt' | 'adjustment';
  category: SupplyCategory;
  quantity: number;
  unit?: string;
  day: Dayjs;
  note?: string;
}

function MovementSheet({
  institutionId,
  open,
  initial,
  units,
  onClose,
}: {
  institutionId: string;
  open: boolean;
  initial: Partial<MoveValues>;
  units: Partial<Record<string, string | null>>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<MoveValues>();
  const kind = Form.useWatch('kind', form) ?? initial.kind ?? 'receipt';
  const record = useRecordMovement();
  const today = businessDay(new Date());
  const submit = (v: MoveValues) =>
    record.mutate(
      {
        institutionId,
        kind: v.kind,
        category: v.category,
        quantity: v.quantity,
        ...(v.unit?.trim() ? { unit: v.unit.trim() } : {}),
        day: v.day.format('YYYY-MM-DD'),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      },
      {
        onSuccess: () => {
          void message.success(v.kind === 'receipt' ? '已登记入库' : '已登记盘点调整');
          onClose();
        },
        onError: (e) => {
          if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
        },
      },
    );
  return (
    <Sheet
      open={open}
      title="登记物资"
      onClose={onClose}
      closable={!record.isPending}
      footer={
        <Button type="primary" block loading={record.isPending} onClick={() => form.submit()}>
          保存
        </Button>
      }
    >
      {open ? (
        <Form<MoveValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ kind: 'receipt', category: 'living', day: dayjs(today), ...initial }}
          onValuesChange={(changed: Partial<MoveValues>) => {
            if (changed.category) form.setFieldValue('unit', units[changed.category] ?? undefined);
          }}
        >
          <Form.Item name="kind" label="类型">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'receipt', label: '入库' },
                { value: 'adjustment', label: '盘点调整' },
              ]}
            />
          </Form.Item>
          <Form.Item name="category" label="物资类别" rules={[{ required: true }]}>
            <Select
              options={SUPPLY_CATEGORIES.map((c) => ({ value: c, label: SUPPLY_CATEGORY_LABELS[c] }))}
            />
          </Form.Item>
          <div className="fx-tr-grid2">
            <Form.Item
              name="quantity"
              label={kind === 'receipt' ? '入库数量' : '增减数量'}
              extra={kind === 'adjustment' ? '盘亏填负数' : undefined}
              rules={[
                { required: true, message: '请填写数量' },
                {
                  validator: (_, v: number | null) =>
                    v == null || (kind === 'receipt' ? v > 0 : v !== 0)
                      ? Promise.resolve()
                      : Promise.reject(
                          new Error(kind === 'receipt' ? '入库数量须大于 0' : '调整数量不能为 0'),
                        ),
                },
              ]}
            >
              <InputNumber inputMode="decimal" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="unit" label="单位">
              <Input maxLength={10} placeholder="如 箱、只、升" />
            </Form.Item>
          </div>
          <Form.Item name="day" label="日期" rules={[{ required: true }]}>
            <DatePicker
              inputReadOnly
              allowClear={false}
              style={{ width: '100%' }}
              disabledDate={(d: Dayjs) => d.format('YYYY-MM-DD') > today}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={kind === 'adjustment' ? '调整原因' : '备注（来源等）'}
            rules={
              kind === 'adjustment'
                ? [{ required: true, whitespace: true, message: '盘点调整须说明原因' }]
                : []
            }
          >
            <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      ) : null}
    </Sheet>
  );
}

function normText(i: StockItem): string {
  return i.normDays === null ? '无标准' : `${i.normDays} 天`;
}

/** One institution's stock by category: quantity, average daily use, days of cover against its norm. */
export function StockView({ institutionId }: { institutionId: string }) {
  const stock = useStock(institutionId);
  const movements = useMovements(institutionId);
  const canRecord = useCan('supplies:record');
  const [sheet, setSheet] = useState<Partial<MoveValues> | null>(null);

  if (stock.error) return <QueryError error={stock.error} onRetry={() => void stock.refetch()} />;
  if (!stock.data) return <Skeleton active />;
  const s = stock.data;
  const byCategory = new Map(s.items.map((i) => [i.category, i]));
  const rows: StockItem[] = SUPPLY_CATEGORIES.map(
    (c) =>
      byCategory.get(c) ?? {
        category: c,
        quantity: 0,
        unit: null,
        avgDaily: 0,
        daysOfCover: null,
        normDays: null,
        belowNorm: false,
        updatedAt: null,
      },
  ).filter(
    (i) =>
      byCategory.has(i.category) || i.normDays !== null || ['living', 'food', 'masks'].includes(i.category),
  );
  const units = Object.fromEntries(s.items.map((i) => [i.category, i.unit]));
  const below = s.items.filter((i) => i.belowNorm).length;

  const columns: TableColumnsType<StockItem> = [
    { title: '类别', key: 'cat', render: (_, i) => SUPPLY_CATEGORY_LABELS[i.category] },
    { title: '库存', key: 'qty', align: 'right', render: (_, i) => qty(i.quantity, i.unit) },
    { title: '日均消耗（近 7 天）', key: 'avg', align: 'right', render: (_, i) => qty(i.avgDaily, i.unit) },
    {
      title: '保障天数',
      key: 'cover',
      align: 'right',
      render: (_, i) => (
        <span className={i.belowNorm ? 'fx-tr-bad' : undefined}>{coverText(i.daysOfCover)}</span>
      ),
    },
    { title: '储备标准', key: 'norm', align: 'right', render: (_, i) => normText(i) },
    {
      title: '状态',
      key: 'state',
      render: (_, i) => (i.belowNorm ? <Tag color="red">低于标准</Tag> : <Tag color="green">达标</Tag>),
    },
    { title: '更新', key: 'at', render: (_, i) => formatMinute(i.updatedAt) },
    ...(canRecord
      ? [
          {
            title: '',
            key: 'act',
            render: (_: unknown, i: StockItem) => (
              <Button
                size="small"
                onClick={() => setSheet({ category: i.category, unit: i.unit ?? undefined })}
              >
                登记
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      <div className="fx-tr-meta fx-block">
        <span>{INSTITUTION_TYPE_LABELS[s.type]}</span>
        {s.housesTekun ? <Tag color="blue">集中供养特困人员</Tag> : null}
        <span>{s.date}</span>
        {below > 0 ? <Tag color="red">{below} 类低于储备标准</Tag> : <Tag color="green">均达标</Tag>}
      </div>
      {canRecord ? (
        <Button type="primary" icon={<PlusOutlined />} className="fx-block" onClick={() => setSheet({})}>
          登记入库 / 盘点调整
        </Button>
      ) : null}
      <DataView<StockItem>
        rows={rows}
        rowKey={(i) => i.category}
        columns={columns}
        emptyText="暂无库存记录"
        renderCard={(i) => (
          <div>
            <div className="fx-tr-card-head">
              <Typography.Text strong>{SUPPLY_CATEGORY_LABELS[i.category]}</Typography.Text>
              {i.belowNorm ? (
                <Tag color="red">低于标准</Tag>
              ) : i.normDays !== null ? (
                <Tag color="green">达标</Tag>
              ) : null}
            </div>
            <div className="fx-tr-stats fx-tr-section" style={{ marginTop: 6 }}>
              <div className="fx-tr-stat">
                <div className="fx-tr-stat-label">库存</div>
                <div className="fx-tr-stat-value">{qty(i.quantity, i.unit)}</div>
              </div>
              <div className="fx-tr-stat">
                <div className="fx-tr-stat-label">保障 / 标准</div>
                <div className={`fx-tr-stat-value${i.belowNorm ? ' fx-tr-bad' : ''}`}>
                  {i.daysOfCover === null ? '—' : Math.round(i.daysOfCover * 10) / 10}
                  <span className="fx-small fx-muted"> / {normText(i)}</span>
                </div>
              </div>
            </div>
            <div className="fx-tr-meta">
              <span>日均消耗 {qty(i.avgDaily, i.unit)}</span>
              {canRecord ? (
                <Button
                  size="small"
                  type="link"
                  style={{ padding: 0, height: 'auto' }}
                  onClick={() => setSheet({ category: i.category, unit: i.unit ?? undefined })}
                >
                  登记
                </Button>
              ) : null}
            </div>
          </div>
        )}
      />
      <Card size="small" title="最近出入库记录" className="fx-tr-section">
        {movements.error ? <QueryError error={movements.error} /> : null}
        {movements.data && movements.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
        ) : null}
        {(movements.data?.items ?? []).slice(0, 20).map((m) => (
          <div key={m.id} className="fx-tr-list-row">
            <div className="fx-tr-name">
              <div>
                <Tag>{MOVEMENT_KIND_LABELS[m.kind]}</Tag>
                {SUPPLY_CATEGORY_LABELS[m.category as SupplyCategory] ?? m.category}{' '}
                <b className={m.delta < 0 ? 'fx-tr-over' : undefined}>
                  {m.delta > 0 ? '+' : ''}
                  {m.delta}
                </b>
              </div>
              {m.note ? (
                <Typography.Text type="secondary" className="fx-small">
                  {m.note}
                </Typography.Text>
              ) : null}
            </div>
            <div className="fx-muted fx-small" style={{ textAlign: 'right', flexShrink: 0 }}>
              <div>{m.day}</div>
              <div>{m.createdByName}</div>
            </div>
          </div>
        ))}
      </Card>
      {canRecord ? (
        <MovementSheet
          institutionId={institutionId}
          open={sheet !== null}
          initial={sheet ?? {}}
          units={units}
          onClose={() => setSheet(null)}
        />
      ) : null}
    </div>
  );
}
