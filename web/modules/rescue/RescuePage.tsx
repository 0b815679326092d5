import '../../components/work-pages.css';
import { PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Select } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { RescuePerson } from '../../../common/contracts/rescue';
import {
  RESCUE_CATEGORY_LABELS,
  RESCUE_STATUSES,
  RESCUE_STATUS_LABELS,
  type RescueStatus,
} from '../../../common/enums';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCan } from '../../lib/auth';
import { formatMinute } from '../../lib/format';
import { positiveInt, toSearchParams } from '../../lib/url-state';
import { usePersons, useStats } from './queries';
import { Figures, MinorTag, PersonCard, personTitle, StatusTag } from './RescueBits';

const PAGE_SIZE = 20;

/** 流浪乞讨救助: the figures for the region and the persons found (personal data masked). */
export function RescuePage() {
  const navigate = useNavigate();
  const canRecord = useCan('rescue:record');
  const [params, setParams] = useSearchParams();
  const status = (RESCUE_STATUSES as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as RescueStatus)
    : undefined;
  const minor = params.get('minor') === 'true';
  const page = positiveInt(params.get('page'), 1);
  const set = (next: { status?: RescueStatus | undefined; minor?: boolean; page?: number }) => {
    const s = { status, minor, page: 1, ...next };
    setParams(
      toSearchParams({
        status: s.status,
        minor: s.minor ? 'true' : undefined,
        page: s.page > 1 ? s.page : undefined,
      }),
    );
  };
  const stats = useStats();
  const persons = usePersons({
    ...(status ? { status } : {}),
    ...(minor ? { minor: true } : {}),
    page,
    pageSize: PAGE_SIZE,
  });

  const columns: TableColumnsType<RescuePerson> = [
    {
      title: '姓名',
      key: 'name',
      render: (_, p) => (
        <>
          <Link to={`/rescue/persons/${p.id}`}>{personTitle(p)}</Link> <MinorTag minor={p.minor} />
        </>
      ),
    },
    { title: '类别', key: 'category', render: (_, p) => RESCUE_CATEGORY_LABELS[p.category] },
    { title: '发现时间', key: 'foundAt', render: (_, p) => formatMinute(p.foundAt) },
    { title: '发现地点', key: 'place', render: (_, p) => `${p.regionName} ${p.foundPlace}` },
    { title: '身份证号', key: 'id', render: (_, p) => p.idNumberMasked ?? '—' },
    { title: '状态', key: 'status', render: (_, p) => <StatusTag status={p.status} /> },
  ];

  return (
    <div>
      <PageHeader
        title="流浪乞讨救助"
        subtitle="街面巡查、发现登记、救助帮扶与安置；未成年人先到定点医院筛查"
        extra={
          <>
            {canRecord ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => void navigate('/rescue/persons/new')}
              >
                登记发现人员
              </Button>
            ) : null}
            <Button icon={<UnorderedListOutlined />} onClick={() => void navigate('/rescue/patrols')}>
              巡查记录
            </Button>
          </>
        }
      />
      {stats.data ? <Figures figures={stats.data.total} /> : null}
      <Flex wrap gap={8} align="center" className="fx-filters">
        <Select<RescueStatus>
          allowClear
          placeholder="全部状态"
          value={status}
          className="fx-tr-select"
          style={{ maxWidth: 200 }}
          onChange={(s) => set({ status: s })}
          options={RESCUE_STATUSES.map((s) => ({ value: s, label: RESCUE_STATUS_LABELS[s] }))}
        />
        <Checkbox checked={minor} onChange={(e) => set({ minor: e.target.checked })}>
          只看未成年人
        </Checkbox>
      </Flex>
      {persons.error ? <QueryError error={persons.error} onRetry={() => void persons.refetch()} /> : null}
      <DataView<RescuePerson>
        rows={persons.data?.items ?? []}
        rowKey={(p) => p.id}
        loading={persons.isLoading}
        columns={columns}
        emptyText="没有符合条件的救助对象"
        paging={{
          page,
          pageSize: PAGE_SIZE,
          total: persons.data?.total ?? 0,
          onChange: (p) => set({ page: p }),
        }}
        renderCard={(p) => <PersonCard p={p} />}
      />
    </div>
  );
}
