import '../../components/work-pages.css';
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Flex, Segmented, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  ISOLATION_ROLE_LABELS,
  ISOLATION_STATE_LABELS,
  type IsolationPerson,
  type IsolationState,
} from '../../../common/contracts/isolation';
import { ISOLATION_REASON_LABELS } from '../../../common/enums';
import { DataView } from '../../components/DataView';
import { InstitutionSelect } from '../../components/InstitutionSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCan, useUser } from '../../lib/auth';
import { positiveInt, toSearchParams } from '../../lib/url-state';
import { daysRemaining } from './labels';
import { usePersons } from './queries';

export function ClockTag({ p }: { p: IsolationPerson }) {
  if (p.status === 'admitted') return <Tag color="success">{p.overridden ? '已提前解除' : '已解除'}</Tag>;
  const left = daysRemaining(p.earliestRelease);
  if (left > 0) return <Tag color="orange">还需 {left} 天</Tag>;
  return p.blockers.length > 0 ? (
    <Tag color="red">期满，{p.blockers.length} 项未满足</Tag>
  ) : (
    <Tag color="green">可解除</Tag>
  );
}

const PAGE_SIZE = 20;

/** People isolating before admission or return to work at an institution (names and ID numbers masked). */
export function IsolationPage() {
  const user = useUser();
  const navigate = useNavigate();
  const canRecord = useCan('isolation:record');
  const [params, setParams] = useSearchParams();
  const institutionId = user.institutionId ?? params.get('institutionId') ?? undefined;
  const status: IsolationState = params.get('status') === 'admitted' ? 'admitted' : 'isolating';
  const page = positiveInt(params.get('page'), 1);
  const set = (next: { institutionId?: string; status?: IsolationState; page?: number }) => {
    const s = { institutionId: params.get('institutionId') ?? undefined, status, page: 1, ...next };
    setParams(toSearchParams({ ...s, status: s.status === 'isolating' ? undefined : s.status }));
  };
  const persons = usePersons({
    ...(institutionId ? { institutionId } : { region: user.regionCode }),
    status,
    page,
    pageSize: PAGE_SIZE,
  });

  const columns: TableColumnsType<IsolationPerson> = [
    { title: '姓名', key: 'name', render: (_, p) => <Link to={`/isolation/${p.id}`}>{p.nameMasked}</Link> },
    { title: '身份证号', key: 'id', render: (_, p) => p.idNumberMasked ?? '无' },
    { title: '身份', key: 'role', render: (_, p) => ISOLATION_ROLE_LABELS[p.role] },
    { title: '原因', key: 'reason', render: (_, p) => ISOLATION_REASON_LABELS[p.reason] },
    ...(institutionId
      ? []
      : [{ title: '机构', key: 'inst', render: (_: unknown, p: IsolationPerson) => p.institutionName }]),
    { title: '开始', dataIndex: 'startDate', key: 'start' },
    {
      title: '隔离天数',
      key: 'day',
      render: (_, p) => (p.status === 'isolating' ? `第 ${p.dayOfIsolation} / ${p.requiredDays} 天` : '—'),
    },
    { title: '最早解除', dataIndex: 'earliestRelease', key: 'release' },
    { title: '状态', key: 'state', render: (_, p) => <ClockTag p={p} /> },
  ];

  return (
    <div>
      <PageHeader
        title="入院前隔离"
        subtitle="外出返回、新入住人员隔离期满、检测阴性且无症状方可入院或返岗"
        extra={
          <>
            {canRecord ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                disabled={!institutionId}
                onClick={() => void navigate(`/isolation/new?institutionId=${institutionId ?? ''}`)}
              >
                登记隔离人员
              </Button>
            ) : null}
            <Button icon={<SettingOutlined />} onClick={() => void navigate('/isolation/policy')}>
              隔离期政策
            </Button>
          </>
        }
      />
      <Flex wrap gap={8} align="center" className="fx-filters">
        {!user.institutionId ? (
          <InstitutionSelect
            region={user.regionCode}
            value={institutionId}
            allowClear
            placeholder="全部机构（输入名称筛选）"
            className="fx-tr-select"
            onChange={(id) => set({ institutionId: id })}
          />
        ) : null}
        <Segmented<IsolationState>
          value={status}
          onChange={(s) => set({ status: s })}
          options={[
            { value: 'isolating', label: ISOLATION_STATE_LABELS.isolating },
            { value: 'admitted', label: '已解除' },
          ]}
        />
      </Flex>
      {!institutionId && canRecord ? (
        <Typography.Paragraph type="secondary" className="fx-small">
          选择一个机构后可登记隔离人员。
        </Typography.Paragraph>
      ) : null}
      {persons.error ? <QueryError error={persons.error} onRetry={() => void persons.refetch()} /> : null}
      <DataView<IsolationPerson>
        rows={persons.data?.items ?? []}
        rowKey={(p) => p.id}
        loading={persons.isLoading}
        columns={columns}
        emptyText={status === 'isolating' ? '没有正在隔离的人员' : '没有已解除隔离的人员'}
        paging={{
          page,
          pageSize: PAGE_SIZE,
          total: persons.data?.total ?? 0,
          onChange: (p) => set({ page: p }),
        }}
        renderCard={(p) => (
          <Link to={`/isolation/${p.id}`} className="fx-tr-link">
            <div className="fx-tr-card-head">
              <Typography.Text strong>
                {p.nameMasked} <span className="fx-muted fx-small">{ISOLATION_ROLE_LABELS[p.role]}</span>
              </Typography.Text>
              <ClockTag p={p} />
            </div>
            <div className="fx-tr-meta">
              <span>{ISOLATION_REASON_LABELS[p.reason]}</span>
              {p.status === 'isolating' ? (
                <span>
                  第 {p.dayOfIsolation}/{p.requiredDays} 天
                </span>
              ) : null}
              <span>最早解除 {p.earliestRelease}</span>
            </div>
            {!institutionId ? <div className="fx-tr-meta">{p.institutionName}</div> : null}
          </Link>
        )}
      />
    </div>
  );
}
