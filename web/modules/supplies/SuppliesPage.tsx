import '../../components/work-pages.css';
import { ArrowLeftOutlined, RightOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Flex, Skeleton, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { BelowNormItem } from '../../../common/contracts/supplies';
import { INSTITUTION_TYPE_LABELS, SUPPLY_CATEGORY_LABELS } from '../../../common/enums';
import { isWithin } from '../../../common/region-code';
import { institutionsApi } from '../../api/institutions';
import { regionsApi } from '../../api/regions';
import { DataView } from '../../components/DataView';
import { InstitutionSelect } from '../../components/InstitutionSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useUser } from '../../lib/auth';
import { coverText, qty, useBelowNorm } from './queries';
import { StockView } from './StockView';

/** Officers: institutions below their reserve norm in a region, per child region, with drill-down. */
function BelowNormBoard() {
  const user = useUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? user.regionCode;
  const board = useBelowNorm(region);
  const detail = useQuery({ queryKey: ['regions', region], queryFn: () => regionsApi.get(region) });
  const open = (code: string) => setParams(code === user.regionCode ? {} : { region: code });
  const trail = [
    ...(detail.data?.ancestors ?? []).filter((a) => isWithin(a.code, user.regionCode)),
    { code: region, name: board.data?.regionName ?? detail.data?.name ?? '' },
  ];
  const b = board.data;
  const children = (b?.children ?? []).filter((c) => c.institutions > 0);

  const columns: TableColumnsType<BelowNormItem> = [
    {
      title: '机构',
      key: 'name',
      render: (_, i) => <Link to={`/supplies/institution/${i.institutionId}`}>{i.name}</Link>,
    },
    { title: '区划', dataIndex: 'regionName', key: 'region' },
    { title: '类别', key: 'cat', render: (_, i) => SUPPLY_CATEGORY_LABELS[i.category] },
    { title: '库存', key: 'qty', align: 'right', render: (_, i) => qty(i.quantity, i.unit) },
    {
      title: '保障天数',
      key: 'cover',
      align: 'right',
      render: (_, i) => <span className="fx-tr-bad">{coverText(i.daysOfCover)}</span>,
    },
    { title: '标准', key: 'norm', align: 'right', render: (_, i) => `${i.normDays} 天` },
    {
      title: '缺口',
      key: 'short',
      align: 'right',
      render: (_, i) => (i.shortfall === null ? '—' : qty(i.shortfall, i.unit)),
    },
    {
      title: '负责人电话',
      key: 'phone',
      render: (_, i) => <a href={`tel:${i.responsiblePhone}`}>{i.responsiblePhone}</a>,
    },
  ];

  return (
    <>
      <PageHeader
        top={
          trail.length > 1 ? (
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
          ) : undefined
        }
        title="物资储备"
        subtitle={b ? `${b.regionName} · ${b.date} · 特困供养机构生活物资默认须保障 30 天` : undefined}
      />
      <Flex wrap gap={8} className="fx-filters">
        <InstitutionSelect
          region={user.regionCode}
          className="fx-tr-select"
          placeholder="查看某个机构的库存：输入机构名称"
          onChange={(id) => id && void navigate(`/supplies/institution/${id}`)}
        />
      </Flex>
      {board.error ? <QueryError error={board.error} onRetry={() => void board.refetch()} /> : null}
      {!b && !board.error ? <Skeleton active /> : null}
      {b ? (
        <>
          <Card size="small" className="fx-block">
            <div className="fx-tr-stat-label">低于储备标准的机构</div>
            <div className={`fx-tr-clock${b.institutions > 0 ? ' fx-tr-bad' : ''}`}>{b.institutions} 家</div>
          </Card>
          {children.length > 0 ? (
            <>
              <Typography.Title level={5}>下级区划</Typography.Title>
              <Flex vertical gap={0} className="fx-block">
                <Card size="small">
                  {children.map((c) => (
                    <div
                      key={c.regionCode}
                      className="fx-tr-list-row fx-clickable-row"
                      role="link"
                      tabIndex={0}
                      onClick={() => open(c.regionCode)}
                      onKeyDown={(e) => e.key === 'Enter' && open(c.regionCode)}
                      style={{ cursor: 'pointer' }}
                    >
                      <span>{c.regionName}</span>
                      <span>
                        <span className="fx-tr-bad">{c.institutions} 家</span>{' '}
                        <RightOutlined className="fx-muted" />
                      </span>
                    </div>
                  ))}
                </Card>
              </Flex>
            </>
          ) : null}
          <Typography.Title level={5}>低于标准的物资</Typography.Title>
          <DataView<BelowNormItem>
            rows={b.items}
            rowKey={(i) => `${i.institutionId}-${i.category}`}
            columns={columns}
            emptyText="本区划机构物资均达到储备标准"
            renderCard={(i) => (
              <div>
                <div className="fx-tr-card-head">
                  <Link to={`/supplies/institution/${i.institutionId}`} className="fx-tr-name">
                    {i.name}
                  </Link>
                  <Tag color="red">{SUPPLY_CATEGORY_LABELS[i.category]}</Tag>
                </div>
                <div className="fx-tr-meta">
                  <span>{INSTITUTION_TYPE_LABELS[i.type]}</span>
                  <span>{i.regionName}</span>
                </div>
                <div className="fx-tr-meta">
                  <span className="fx-tr-bad">保障 {coverText(i.daysOfCover)}</span>
                  <span>标准 {i.normDays} 天</span>
                  <span>库存 {qty(i.quantity, i.unit)}</span>
                  {i.shortfall !== null ? <span>缺口 {qty(i.shortfall, i.unit)}</span> : null}
                </div>
                <div className="fx-tr-meta">
                  <a href={`tel:${i.responsiblePhone}`}>☎ {i.responsiblePhone}</a>
                </div>
              </div>
            )}
          />
          {b.truncated ? (
            <Typography.Paragraph type="secondary" className="fx-small fx-tr-section">
              只显示前一部分，请下钻到下级区划查看全部。
            </Typography.Paragraph>
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** /supplies: a reporter's own stock; an officer's below-norm board. */
export function SuppliesPage() {
  const user = useUser();
  if (user.institutionId)
    return (
      <div>
        <PageHeader title="物资储备" subtitle="库存、保障天数与储备标准" />
        <StockView institutionId={user.institutionId} />
      </div>
    );
  return <BelowNormBoard />;
}

/** /supplies/institution/:id: one institution's stock (officers). */
export function InstitutionStockPage() {
  const { id = '' } = useParams();
  const inst = useQuery({ queryKey: ['institutions', id], queryFn: () => institutionsApi.get(id) });
  return (
    <div>
      <PageHeader
        top={
          <Link to="/supplies" className="fx-muted">
            <ArrowLeftOutlined /> 物资储备
          </Link>
        }
        title={inst.data?.name ?? '机构物资'}
        subtitle="库存、保障天数与储备标准"
        extra={inst.data ? <Button href={`tel:${inst.data.responsiblePhone}`}>联系负责人</Button> : undefined}
      />
      <StockView institutionId={id} />
    </div>
  );
}
