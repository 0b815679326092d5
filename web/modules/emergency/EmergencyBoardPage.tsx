import { useMemo, useState } from 'react';
import {
  ArrowLeftOutlined,
  FlagOutlined,
  RightOutlined,
  SearchOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Collapse,
  Empty,
  Flex,
  Input,
  Result,
  Row,
  Skeleton,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { StatusCounts, SummaryNode } from '../../../common/contracts/emergency';
import {
  INSTITUTION_STATUS_LABELS,
  INSTITUTION_STATUSES,
  REGION_LEVEL_LABELS,
  RESPONSE_LEVEL_LABELS,
  type InstitutionStatus,
} from '../../../common/enums';
import { isWithin, parentCode, regionLevel } from '../../../common/region-code';
import { useCan, useUser } from '../../lib/auth';
import { formatCount, formatDateTime } from '../../lib/format';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { ResponseLevelTag } from '../../components/StatusTags';
import { SetLevelModal } from './SetLevelModal';
import { BOARD_POLL_MS, useInvalidateEmergency, useResponseHistory, useSummary } from './queries';

const boardPath = (code: string, own: string) => (code === own ? '/emergency' : `/emergency/${code}`);
const listPath = (code: string, status?: InstitutionStatus) =>
  `/institutions?region=${code}${status ? `&status=${status}` : ''}`;

/** The emergency board of a region (the user's own by default). */
export function EmergencyBoardPage() {
  const user = useUser();
  const { code = user.regionCode } = useParams<{ code?: string }>();
  return <Board key={code} code={code} />;
}

/** A count that opens the institution list filtered by region and status. */
function CountLink({ code, status, n }: { code: string; status: InstitutionStatus; n: number }) {
  if (n === 0) return <span className="fx-muted">0</span>;
  return (
    <Link
      to={listPath(code, status)}
      className={status === 'closed_management' ? 'fx-count-alert' : undefined}
    >
      {formatCount(n)}
    </Link>
  );
}

const STAT_STYLE: Record<InstitutionStatus, string> = {
  operating: 'fx-stat-ok',
  closed_management: 'fx-stat-alert',
  gatherings_suspended: 'fx-stat-warn',
  services_suspended: 'fx-stat-warn',
  closed: 'fx-stat-muted',
};

function StatusStats({ code, total, counts }: { code: string; total: number; counts: StatusCounts }) {
  return (
    <Row gutter={[8, 8]} className="fx-block" data-testid="board-counts">
      <Col xs={12} sm={8} lg={4}>
        <Link to={listPath(code)} className="fx-stat-link">
          <Card size="small" className="fx-stat">
            <div className="fx-stat-title">机构总数</div>
            <div className="fx-stat-value" data-count="total">
              {formatCount(total)}
            </div>
          </Card>
        </Link>
      </Col>
      {INSTITUTION_STATUSES.map((s) => (
        <Col xs={12} sm={8} lg={4} key={s}>
          <Link to={listPath(code, s)} className="fx-stat-link">
            <Card size="small" className={`fx-stat ${counts[s] > 0 ? STAT_STYLE[s] : ''}`}>
              <div className="fx-stat-title">{INSTITUTION_STATUS_LABELS[s]}</div>
              <div className="fx-stat-value" data-count={s}>
                {formatCount(counts[s])}
              </div>
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}

function childColumns(own: string): TableColumnsType<SummaryNode> {
  return [
    {
      title: '区划',
      key: 'name',
      fixed: 'left',
      render: (_, c) => <Link to={boardPath(c.regionCode, own)}>{c.regionName}</Link>,
    },
    { title: '响应级别', key: 'level', render: (_, c) => <ResponseLevelTag level={c.level} /> },
    {
      title: '机构总数',
      key: 'total',
      align: 'right',
      render: (_, c) => (c.total ? <Link to={listPath(c.regionCode)}>{formatCount(c.total)}</Link> : '0'),
    },
    ...INSTITUTION_STATUSES.map((s) => ({
      title: INSTITUTION_STATUS_LABELS[s],
      key: s,
      align: 'right' as const,
      render: (_: unknown, c: SummaryNode) => <CountLink code={c.regionCode} status={s} n={c.counts[s]} />,
    })),
  ];
}

function ChildCard({ node, own }: { node: SummaryNode; own: string }) {
  const shown = INSTITUTION_STATUSES.filter((s) => node.counts[s] > 0 && s !== 'operating');
  return (
    <Flex vertical gap={6} data-region-code={node.regionCode}>
      <Flex justify="space-between" align="center" gap={8}>
        <Link to={boardPath(node.regionCode, own)} className="fx-card-title">
          {node.regionName} <RightOutlined className="fx-muted fx-small" />
        </Link>
        <ResponseLevelTag level={node.level} />
      </Flex>
      <div className="fx-figures">
        <span>
          机构 <b>{node.total ? <Link to={listPath(node.regionCode)}>{formatCount(node.total)}</Link> : 0}</b>
        </span>
        <span>
          正常运营 <b>{formatCount(node.counts.operating)}</b>
        </span>
        {shown.map((s) => (
          <span key={s}>
            {INSTITUTION_STATUS_LABELS[s]}{' '}
            <b>
              <CountLink code={node.regionCode} status={s} n={node.counts[s]} />
            </b>
          </span>
        ))}
      </div>
    </Flex>
  );
}

function ResponseHistoryPanel({ code }: { code: string }) {
  const history = useResponseHistory(code);
  const items = (history.data?.items ?? []).slice(0, 20);
  return (
    <Collapse
      className="fx-block"
      size="small"
      items={[
        {
          key: 'history',
          label: '响应级别变更记录',
          children: history.error ? (
            <QueryError error={history.error} onRetry={() => void history.refetch()} />
          ) : items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本区划及下级尚无响应级别变更" />
          ) : (
            <Flex vertical gap={8}>
              {items.map((e) => (
                <div key={e.id} className="fx-history-line">
                  <Typography.Text strong>{e.regionName}</Typography.Text>{' '}
                  {RESPONSE_LEVEL_LABELS[e.previousLevel]} → <ResponseLevelTag level={e.level} />
                  <div className="fx-muted fx-small">
                    {e.setByName} · {formatDateTime(e.effectiveAt)}
                    {e.reason ? ` · ${e.reason}` : ''}
                  </div>
                </div>
              ))}
            </Flex>
          ),
        },
      ]}
    />
  );
}

function Board({ code }: { code: string }) {
  const user = useUser();
  const navigate = useNavigate();
  const canManage = useCan('emergency:manage');
  const summary = useSummary(code);
  const invalidate = useInvalidateEmergency();
  const [setting, setSetting] = useState(false);
  const [filter, setFilter] = useState('');
  // Towns and villages without institutions are noise on a county board; counties and cities stay listed.
  const [hideEmpty, setHideEmpty] = useState(['county', 'town'].includes(regionLevel(code)));

  const children = useMemo(() => {
    const all = summary.data?.children ?? [];
    const f = filter.trim();
    return all.filter(
      (c) =>
        (!f || c.regionName.includes(f) || c.regionCode.startsWith(f)) &&
        (!hideEmpty || c.total > 0 || c.level !== 'none'),
    );
  }, [summary.data, filter, hideEmpty]);

  if (!isWithin(code, user.regionCode)) {
    return (
      <Result
        status="403"
        title="不在管辖范围内"
        subTitle="该区划不在您的管辖范围内，无法查看。"
        extra={
          <Button type="primary" onClick={() => void navigate('/emergency')}>
            返回我的区划
          </Button>
        }
      />
    );
  }
  if (summary.error && !summary.data)
    return <QueryError error={summary.error} onRetry={() => void summary.refetch()} />;
  if (!summary.data) return <Skeleton active />;

  const s = summary.data;
  const own = user.regionCode;
  const parent = parentCode(code);
  const level = regionLevel(code);
  const childLevel = s.children[0] ? regionLevel(s.children[0].regionCode) : null;
  const inResponse = s.children.filter((c) => c.level !== 'none').length;
  const empty = s.children.filter((c) => c.total === 0 && c.level === 'none').length;

  return (
    <div>
      <PageHeader
        top={
          code !== own && parent ? (
            <Link to={boardPath(parent, own)} className="fx-back">
              <ArrowLeftOutlined /> 返回上级
            </Link>
          ) : undefined
        }
        title={
          <Flex align="center" gap={8} wrap>
            <span data-testid="board-title">{s.regionName}</span>
            <ResponseLevelTag level={s.level} />
          </Flex>
        }
        subtitle={`${REGION_LEVEL_LABELS[level]} · 统计日 ${s.date} · 每 ${BOARD_POLL_MS / 1000} 秒自动刷新`}
        extra={
          <>
            <Button icon={<UnorderedListOutlined />} onClick={() => void navigate(listPath(code))}>
              机构名录
            </Button>
            {canManage && level !== 'village' ? (
              <Button type="primary" danger icon={<FlagOutlined />} onClick={() => setSetting(true)}>
                设置响应级别
              </Button>
            ) : null}
          </>
        }
      />
      <StatusStats code={code} total={s.total} counts={s.counts} />
      {s.children.length > 0 ? (
        <>
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              下级区划{childLevel ? `（${REGION_LEVEL_LABELS[childLevel]}）` : ''}
              <Typography.Text type="secondary">
                {' '}
                共 {s.children.length} 个{inResponse ? `，${inResponse} 个已启动响应` : ''}
              </Typography.Text>
            </Typography.Title>
            <Flex wrap gap={12} align="center">
              {empty > 0 ? (
                <Checkbox checked={hideEmpty} onChange={(e) => setHideEmpty(e.target.checked)}>
                  隐藏无机构的区划（{empty}）
                </Checkbox>
              ) : null}
              {s.children.length > 8 ? (
                <Input
                  allowClear
                  prefix={<SearchOutlined />}
                  placeholder="按名称或代码筛选"
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                  className="fx-filter-input"
                />
              ) : null}
            </Flex>
          </Flex>
          <div className="fx-block">
            <DataView<SummaryNode>
              rows={children}
              rowKey={(c) => c.regionCode}
              columns={childColumns(own)}
              renderCard={(c) => <ChildCard node={c} own={own} />}
              emptyText="没有符合条件的下级区划"
            />
          </div>
        </>
      ) : null}
      <ResponseHistoryPanel code={code} />
      {s.level !== 'none' || s.counts.closed_management > 0 ? (
        <Flex justify="flex-end">
          <Button type="link" onClick={() => void navigate(`/orders?region=${code}`)}>
            查看本区划的封控指令 <RightOutlined />
          </Button>
        </Flex>
      ) : null}
      <SetLevelModal
        regionCode={code}
        regionName={s.regionName}
        current={s.level}
        open={setting}
        onClose={() => setSetting(false)}
        onChanged={invalidate}
      />
    </div>
  );
}
