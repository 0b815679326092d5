import './daily-reports.css';
import { ArrowLeftOutlined, FormOutlined, PhoneOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import {
  INSTITUTION_STATUS_LABELS,
  INSTITUTION_TYPE_LABELS,
  type InstitutionStatus,
  type InstitutionType,
} from '../../../common/enums';
import type { MissingItem } from '../../api/daily-reports';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCan, useUser } from '../../lib/auth';
import { boardSearch, useBoardState } from './CompletenessPage';
import { longDate, shanghaiClock } from './labels';
import { InstitutionPicker } from './InstitutionPicker';
import { useMissing, useRegionDetail } from './queries';

const typeLabel = (t: string) => INSTITUTION_TYPE_LABELS[t as InstitutionType] ?? t;
const statusLabel = (s: string) => INSTITUTION_STATUS_LABELS[s as InstitutionStatus] ?? s;

/** A phone number as a link that dials it. */
function Phone({ number, label }: { number: string | null; label: string }) {
  if (!number) return <span className="fx-muted">—</span>;
  return (
    <a href={`tel:${number.replace(/[^\d+]/g, '')}`} className="fx-phone" aria-label={`${label} ${number}`}>
      <PhoneOutlined /> {number}
    </a>
  );
}

function MissingCard({
  item,
  onReport,
}: {
  item: MissingItem;
  onReport: ((item: MissingItem) => void) | null;
}) {
  return (
    <Flex vertical gap={6} data-testid="missing-item">
      <Flex justify="space-between" align="flex-start" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong>{item.name}</Typography.Text>
          <div className="fx-muted fx-small">
            {typeLabel(item.type)} · {item.regionName}
          </div>
        </div>
        {item.status !== 'operating' ? <Tag>{statusLabel(item.status)}</Tag> : null}
      </Flex>
      <div className="fx-contact-line">
        <span className="fx-contact-who">责任人 {item.responsiblePerson}</span>
        <Phone number={item.responsiblePhone} label="拨打责任人电话" />
      </div>
      {item.dutyPhone ? (
        <div className="fx-contact-line">
          <span className="fx-contact-who">值班电话</span>
          <Phone number={item.dutyPhone} label="拨打值班电话" />
        </div>
      ) : null}
      {onReport ? (
        <Button icon={<FormOutlined />} onClick={() => onReport(item)} block>
          代报
        </Button>
      ) : null}
    </Flex>
  );
}

function columns(onReport: ((item: MissingItem) => void) | null): TableColumnsType<MissingItem> {
  return [
    {
      title: '机构',
      key: 'name',
      fixed: 'left',
      render: (_, i) => (
        <div>
          <div>{i.name}</div>
          <div className="fx-muted fx-small">{typeLabel(i.type)}</div>
        </div>
      ),
    },
    { title: '所在区划', dataIndex: 'regionName', key: 'region' },
    { title: '状态', key: 'status', render: (_, i) => statusLabel(i.status) },
    { title: '第一责任人', dataIndex: 'responsiblePerson', key: 'person' },
    {
      title: '联系电话',
      key: 'phone',
      render: (_, i) => <Phone number={i.responsiblePhone} label="拨打责任人电话" />,
    },
    { title: '值班电话', key: 'duty', render: (_, i) => <Phone number={i.dutyPhone} label="拨打值班电话" /> },
    ...(onReport
      ? [
          {
            title: '操作',
            key: 'actions',
            fixed: 'right' as const,
            render: (_: unknown, i: MissingItem) => (
              <Button size="small" icon={<FormOutlined />} onClick={() => onReport(i)}>
                代报
              </Button>
            ),
          },
        ]
      : []),
  ];
}

/** The institutions still missing for the day, with their contacts, to phone them or report for them. */
export function MissingPage() {
  const user = useUser();
  const navigate = useNavigate();
  const location = useLocation();
  const canSubmit = useCan('reports:submit');
  const [state, update, today] = useBoardState();
  const missing = useMissing(state.region, state.date);
  const region = useRegionDetail(state.region);
  const items = missing.data?.items ?? [];

  const openReport = (institutionId: string) =>
    void navigate(
      `/daily-reports/report/${institutionId}${state.date === today ? '' : `?date=${state.date}`}`,
      {
        state: { from: location.pathname + location.search },
      },
    );
  const onReport = canSubmit ? (item: MissingItem) => openReport(item.institutionId) : null;

  return (
    <div>
      <PageHeader
        top={
          <Link to={`/daily-reports${boardSearch(state, user.regionCode, today)}`} className="fx-back-link">
            <ArrowLeftOutlined /> 日报完成率
          </Link>
        }
        title={<span data-testid="missing-title">未报机构{missing.data ? `（${items.length}）` : ''}</span>}
        subtitle={`${region.data?.name ?? ''} · ${longDate(state.date)}${
          missing.data ? ` · 截止 ${shanghaiClock(missing.data.deadline)}` : ''
        }`}
        extra={
          <DatePicker
            aria-label="日期"
            value={dayjs(state.date)}
            allowClear={false}
            inputReadOnly
            disabledDate={(d: Dayjs) => d.format('YYYY-MM-DD') > today}
            onChange={(d: Dayjs | null) => d && update({ date: d.format('YYYY-MM-DD') })}
            className="fx-date-picker"
          />
        }
      />
      {canSubmit ? (
        <div className="fx-filters">
          <InstitutionPicker region={state.region} onPick={openReport} />
        </div>
      ) : null}
      {missing.error ? <QueryError error={missing.error} onRetry={() => void missing.refetch()} /> : null}
      <DataView<MissingItem>
        rows={items}
        rowKey={(i) => i.institutionId}
        columns={columns(onReport)}
        renderCard={(i) => <MissingCard item={i} onReport={onReport} />}
        loading={missing.isLoading}
        emptyText="全部机构均已报送"
      />
    </div>
  );
}
