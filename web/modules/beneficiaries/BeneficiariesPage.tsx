import { useState } from 'react';
import { Button, Card, Input, Select, Space, Statistic, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { Household } from '../../../common/contracts/beneficiaries';
import {
  BENEFICIARY_PROGRAMME_LABELS,
  BENEFICIARY_PROGRAMMES,
  HOUSEHOLD_STATUS_LABELS,
  HOUSEHOLD_STATUSES,
} from '../../../common/enums';
import { validIdNumber } from '../../../common/id-card';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { RegionPicker } from '../../components/RegionPicker';
import { useCan, useUser } from '../../lib/auth';
import { StatusTag } from './labels';
import { useCounts, useHouseholds, type HouseholdFilters } from './queries';

const columns: TableColumnsType<Household> = [
  {
    title: '户主',
    dataIndex: 'headName',
    render: (v: string, h) => <Link to={`/beneficiaries/${h.id}`}>{v}</Link>,
  },
  { title: '身份证号', dataIndex: 'headIdNumber' },
  { title: '所在地', dataIndex: 'regionName' },
  {
    title: '类别',
    dataIndex: 'programme',
    render: (p: Household['programme']) => BENEFICIARY_PROGRAMME_LABELS[p],
  },
  { title: '人数', dataIndex: 'memberCount' },
  { title: '状态', dataIndex: 'status', render: (s: Household['status']) => <StatusTag status={s} /> },
];

function CountsCard({ region }: { region?: string | undefined }) {
  const counts = useCounts(region);
  if (!counts.data) return null;
  const active = counts.data.rows.filter((r) => r.status === 'active');
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Space wrap size={24}>
        <Statistic title="户数（全部状态）" value={counts.data.households} />
        <Statistic title="人数" value={counts.data.persons} />
        {BENEFICIARY_PROGRAMMES.map((p) => {
          const rows = active.filter((r) => r.programme === p);
          if (rows.length === 0) return null;
          return (
            <Statistic
              key={p}
              title={`${BENEFICIARY_PROGRAMME_LABELS[p]}（在保）`}
              value={`${rows.reduce((a, r) => a + r.households, 0)} 户 ${rows.reduce((a, r) => a + r.persons, 0)} 人`}
            />
          );
        })}
      </Space>
    </Card>
  );
}

/** 救助对象名册: filters, counts, and a masked table (cards on a phone). */
export function BeneficiariesPage() {
  const user = useUser();
  const navigate = useNavigate();
  const canManage = useCan('beneficiaries:manage');
  const [f, setF] = useState<HouseholdFilters>({ page: 1, pageSize: 20 });
  const [idText, setIdText] = useState('');
  const list = useHouseholds(f);
  const set = (patch: Partial<HouseholdFilters>) => setF((old) => ({ ...old, ...patch, page: 1 }));
  return (
    <div>
      <PageHeader
        title="救助对象"
        subtitle="低保、特困、困难残疾人、困境儿童、孤儿家庭名册（个人信息已脱敏）"
        extra={
          <Space wrap>
            <Button onClick={() => navigate('/beneficiaries/enrolment')}>低保特困审批</Button>
            {canManage && <Button onClick={() => navigate('/beneficiaries/import')}>导入</Button>}
            {canManage && (
              <Button type="primary" onClick={() => navigate('/beneficiaries/new')}>
                登记家庭
              </Button>
            )}
          </Space>
        }
      />
      <CountsCard region={f.region} />
      <Space wrap style={{ marginBottom: 12, width: '100%' }}>
        <RegionPicker
          rootCode={user.regionCode}
          value={f.region}
          onChange={(region) => set({ region })}
          allowClear
          style={{ minWidth: 200, maxWidth: '100%' }}
        />
        <Select
          allowClear
          placeholder="救助类别"
          style={{ width: 170 }}
          value={f.programme}
          onChange={(programme) => set({ programme })}
          options={BENEFICIARY_PROGRAMMES.map((p) => ({ value: p, label: BENEFICIARY_PROGRAMME_LABELS[p] }))}
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 120 }}
          value={f.status}
          onChange={(status) => set({ status })}
          options={HOUSEHOLD_STATUSES.map((s) => ({ value: s, label: HOUSEHOLD_STATUS_LABELS[s] }))}
        />
        <Input.Search
          placeholder="身份证号精确查询"
          allowClear
          style={{ width: 240, maxWidth: '100%' }}
          value={idText}
          onChange={(e) => setIdText(e.target.value)}
          onSearch={(v) => set({ idNumber: v.trim() ? v.trim().toUpperCase() : undefined })}
          status={idText.trim() && !validIdNumber(idText) ? 'warning' : ''}
        />
      </Space>
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <DataView
        rows={list.data?.items ?? []}
        rowKey={(h) => h.id}
        columns={columns}
        loading={list.isFetching}
        emptyText="没有符合条件的家庭"
        paging={{
          page: f.page,
          pageSize: f.pageSize,
          total: list.data?.total ?? 0,
          onChange: (page, pageSize) => setF((o) => ({ ...o, page, pageSize })),
        }}
        renderCard={(h) => (
          <Link to={`/beneficiaries/${h.id}`} style={{ display: 'block', color: 'inherit' }}>
            <Space wrap>
              <Typography.Text strong>{h.headName}</Typography.Text>
              <StatusTag status={h.status} />
              <Typography.Text type="secondary">{BENEFICIARY_PROGRAMME_LABELS[h.programme]}</Typography.Text>
            </Space>
            <div>{h.headIdNumber}</div>
            <Typography.Text type="secondary">
              {h.regionName} · {h.memberCount} 人{h.livingAlone ? ' · 独居' : ''}
            </Typography.Text>
          </Link>
        )}
      />
    </div>
  );
}
