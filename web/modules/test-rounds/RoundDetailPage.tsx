import '../../components/work-pages.css';
import type { ReactNode } from 'react';
import { ArrowLeftOutlined, EditOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { TESTED_WHO_LABELS, type CoverageNode } from '../../../common/contracts/test-rounds';
import { INSTITUTION_TYPE_LABELS } from '../../../common/enums';
import { isWithin } from '../../../common/region-code';
import { regionsApi } from '../../api/regions';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCan, useUser } from '../../lib/auth';
import { coverageRate, useRound, useRoundInstitutions } from './queries';
import { RoundStateTag } from './TestRoundsPage';

function Rate({ node }: { node: Pick<CoverageNode, 'tested' | 'expected'> }) {
  const rate = coverageRate(node.tested, node.expected);
  if (rate === null) return <span className="fx-muted">—</span>;
  return (
    <span className={rate > 100 ? 'fx-tr-over' : undefined}>
      {rate}%{rate > 100 ? '（超过应检人数，请核对花名册）' : ''}
    </span>
  );
}

function Stat({ label, value, tone }: { label: string; value: ReactNode; tone?: 'bad' | 'over' }) {
  return (
    <div className="fx-tr-stat">
      <div className="fx-tr-stat-label">{label}</div>
      <div className={`fx-tr-stat-value${tone ? ` fx-tr-${tone}` : ''}`}>{value}</div>
    </div>
  );
}

export function CoverageStats({ node }: { node: CoverageNode }) {
  const rate = coverageRate(node.tested, node.expected);
  return (
    <div className="fx-tr-stats">
      <Stat
        label="检测覆盖率"
        value={rate === null ? '—' : `${rate}%`}
        tone={rate !== null && rate > 100 ? 'over' : undefined}
      />
      <Stat label="已检 / 应检（人）" value={`${node.tested} / ${node.expected}`} />
      <Stat label="阳性" value={node.positive} tone={node.positive > 0 ? 'bad' : undefined} />
      <Stat label="未检" value={node.notTested} tone={node.notTested > 0 ? 'over' : undefined} />
      <Stat label="已填报机构" value={`${node.reported} / ${node.institutions}`} />
    </div>
  );
}

/** One round: coverage of a region and each child (drill-down), institutions not yet recorded, people carried over. */
export function RoundDetailPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const navigate = useNavigate();
  const canRecord = useCan('tests:record');
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const round = useRound(id, region);
  const shownRegion = round.data?.coverage.regionCode ?? region ?? user.regionCode;
  const missing = useRoundInstitutions(id, shownRegion, true);
  const regionDetail = useQuery({
    queryKey: ['regions', shownRegion],
    queryFn: () => regionsApi.get(shownRegion),
    enabled: !!round.data,
  });
  const open = (code: string) => setParams(code === round.data?.regionCode ? {} : { region: code });
  const recordLink = (institutionId?: string) =>
    `/test-rounds/${id}/record${institutionId ? `?institutionId=${institutionId}` : ''}`;

  if (round.error) return <QueryError error={round.error} onRetry={() => void round.refetch()} />;
  if (!round.data) return <Skeleton active />;
  const r = round.data;
  const cov = r.coverage;
  const trail = [
    ...(regionDetail.data?.ancestors ?? []).filter(
      (a) => isWithin(a.code, r.regionCode) || isWithin(a.code, user.regionCode),
    ),
    { code: cov.regionCode, name: cov.regionName },
  ].filter((a) => isWithin(a.code, r.regionCode) || a.code === cov.regionCode);

  const childColumns: TableColumnsType<CoverageNode> = [
    {
      title: '区划',
      key: 'name',
      render: (_, c) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => open(c.regionCode)}>
          {c.regionName}
        </Button>
      ),
    },
    { title: '覆盖率', key: 'rate', render: (_, c) => <Rate node={c} /> },
    { title: '已检/应检', key: 'tested', align: 'right', render: (_, c) => `${c.tested} / ${c.expected}` },
    {
      title: '阳性',
      dataIndex: 'positive',
      key: 'positive',
      align: 'right',
      render: (v: number) => (v > 0 ? <span className="fx-tr-bad">{v}</span> : v),
    },
    { title: '未检', dataIndex: 'notTested', key: 'notTested', align: 'right' },
    {
      title: '已填报机构',
      key: 'reported',
      align: 'right',
      render: (_, c) => `${c.reported} / ${c.institutions}`,
    },
  ];
  const children = cov.children.filter((c) => c.institutions > 0);

  return (
    <div>
      <PageHeader
        top={
          <Flex vertical gap={4}>
            <Link to="/test-rounds" className="fx-muted">
              <ArrowLeftOutlined /> 检测轮次
            </Link>
            {trail.length > 1 ? (
              <Breadcrumb
                className="fx-breadcrumb"
                items={trail.map((a, i) => ({
                  key: a.code,
                  title:
                    i < trail.length - 1 ? (
                      <a
                        href="#"
                        onClick={(e) => {
                          e.preventDefault();
                          open(a.code);
                        }}
                      >
                        {a.name}
                      </a>
                    ) : (
                      a.name
                    ),
                }))}
              />
            ) : null}
          </Flex>
        }
        title={r.name}
        subtitle={
          <span>
            <RoundStateTag state={r.state} /> {r.regionName} · {r.startsOn} 至 {r.endsOn}
          </span>
        }
        extra={
          canRecord ? (
            <Button type="primary" icon={<EditOutlined />} onClick={() => void navigate(recordLink())}>
              填报检测结果
            </Button>
          ) : undefined
        }
      />
      <div className="fx-tr-meta fx-block">
        机构类型：{r.types.map((t) => INSTITUTION_TYPE_LABELS[t]).join('、')}
        {r.carriedFromId ? <span>（接续上一轮，结转 {r.carriedOver.length} 人）</span> : null}
      </div>
      <Typography.Title level={5}>{cov.regionName} 覆盖情况</Typography.Title>
      <CoverageStats node={cov} />
      <Typography.Text type="secondary" className="fx-small">
        覆盖率 = 已检人数 ÷ 机构在册服务对象和工作人员数，不封顶；超过 100% 说明花名册人数需要核对。
      </Typography.Text>

      {children.length > 0 ? (
        <div className="fx-tr-section">
          <Typography.Title level={5}>下级覆盖情况</Typography.Title>
          <DataView<CoverageNode>
            rows={children}
            rowKey={(c) => c.regionCode}
            columns={childColumns}
            renderCard={(c) => (
              <div
                role="link"
                tabIndex={0}
                onClick={() => open(c.regionCode)}
                onKeyDown={(e) => e.key === 'Enter' && open(c.regionCode)}
              >
                <div className="fx-tr-card-head">
                  <Typography.Text strong className="fx-tr-name">
                    {c.regionName}
                  </Typography.Text>
                  <span>
                    <Rate node={c} /> <RightOutlined className="fx-muted" />
                  </span>
                </div>
                <div className="fx-tr-meta">
                  <span>
                    已检 {c.tested}/{c.expected}
                  </span>
                  <span className={c.positive > 0 ? 'fx-tr-bad' : undefined}>阳性 {c.positive}</span>
                  <span>未检 {c.notTested}</span>
                  <span>
                    机构 {c.reported}/{c.institutions}
                  </span>
                </div>
              </div>
            )}
          />
        </div>
      ) : null}

      <Card
        size="small"
        className="fx-tr-section"
        title={`尚未填报的机构（${missing.data?.items.length ?? '…'}）`}
      >
        {missing.error ? <QueryError error={missing.error} onRetry={() => void missing.refetch()} /> : null}
        {missing.data && missing.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本区划机构均已填报" />
        ) : null}
        {(missing.data?.items ?? []).map((i) => (
          <div key={i.institutionId} className="fx-tr-list-row">
            <div className="fx-tr-name">
              <div>{i.name}</div>
              <div className="fx-tr-meta">
                <span>{INSTITUTION_TYPE_LABELS[i.type]}</span>
                <span>
                  应检 {i.residents + i.staff} 人（服务对象 {i.residents}，工作人员 {i.staff}）
                </span>
                {i.carriedOver.length > 0 ? <Tag color="orange">结转 {i.carriedOver.length} 人</Tag> : null}
              </div>
            </div>
            {canRecord && !user.institutionId ? (
              <Button size="small" onClick={() => void navigate(recordLink(i.institutionId))}>
                代填
              </Button>
            ) : null}
          </div>
        ))}
      </Card>

      <Card
        size="small"
        className="fx-tr-section"
        title={`上一轮未检、结转本轮的人员（${r.carriedOver.length}）`}
      >
        {r.carriedOver.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={r.carriedFromId ? '上一轮无未检人员' : '没有上一轮'}
          />
        ) : (
          r.carriedOver.map((p, i) => (
            <div key={`${p.institutionId}-${p.label}-${i}`} className="fx-tr-list-row">
              <div className="fx-tr-name">
                <div>
                  {p.label} <Tag>{TESTED_WHO_LABELS[p.who]}</Tag>
                </div>
                <div className="fx-tr-meta">
                  <span>{p.institutionName}</span>
                  <span>上轮未检原因：{p.reason}</span>
                </div>
              </div>
            </div>
          ))
        )}
      </Card>
      {r.state === 'planned' ? (
        <Alert className="fx-tr-section" type="info" showIcon title={`本轮 ${r.startsOn} 开始`} />
      ) : null}
    </div>
  );
}
