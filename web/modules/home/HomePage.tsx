import { useMemo, useState } from 'react';
import { ArrowLeftOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Input, Result, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { REGION_LEVEL_LABELS } from '../../../common/enums';
import { isWithin, parentCode } from '../../../common/region-code';
import { useUser } from '../../lib/auth';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { ChildRegions } from './ChildRegions';
import { RegionBreadcrumb } from './RegionBreadcrumb';
import { useRegion, useRegionChildren } from './queries';

/** The overview: a region of the user's scope (their own by default), its figures and its children. */
export function HomePage() {
  const user = useUser();
  const params = useParams<{ code?: string }>();
  const code = params.code ?? user.regionCode;
  return <RegionOverview key={code} code={code} />;
}

function RegionOverview({ code }: { code: string }) {
  const user = useUser();
  const navigate = useNavigate();
  const inScope = isWithin(code, user.regionCode);
  const region = useRegion(code);
  const children = useRegionChildren(code);
  const [filter, setFilter] = useState('');

  const items = useMemo(() => {
    const all = children.data?.items ?? [];
    const f = filter.trim();
    return f ? all.filter((r) => r.name.includes(f) || r.code.startsWith(f)) : all;
  }, [children.data, filter]);

  if (!inScope) {
    return (
      <Result
        status="403"
        title="不在管辖范围内"
        subTitle="该区划不在您的管辖范围内，无法查看。"
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            返回我的区划
          </Button>
        }
      />
    );
  }
  if (region.error) return <QueryError error={region.error} onRetry={() => void region.refetch()} />;
  if (!region.data) return <Skeleton active />;

  const detail = region.data;
  const isOwn = code === user.regionCode;
  const parent = parentCode(code);
  const childLevel = children.data?.items[0]?.level;
  const users = detail.counts.users;

  return (
    <div>
      <PageHeader
        top={
          detail.ancestors.length > 0 ? (
            <RegionBreadcrumb region={detail} scopeCode={user.regionCode} />
          ) : undefined
        }
        title={
          <Flex align="center" gap={8} wrap>
            <span data-testid="region-title">{detail.name}</span>
            {isOwn ? <Tag color="blue">我的管辖区划</Tag> : null}
          </Flex>
        }
        subtitle={`${REGION_LEVEL_LABELS[detail.level]} · 区划代码 ${detail.code}`}
        extra={
          !isOwn && parent ? (
            <Button
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate(parent === user.regionCode ? '/' : `/regions/${parent}`)}
            >
              返回上级
            </Button>
          ) : undefined
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="下级区划" value={detail.childCount} suffix="个" />
          </Card>
        </Col>
        {users !== undefined ? (
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="平台用户" value={users} suffix="人" />
            </Card>
          </Col>
        ) : null}
      </Row>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          下级区划{childLevel ? `（${REGION_LEVEL_LABELS[childLevel]}）` : ''}
          {children.data ? (
            <Typography.Text type="secondary"> 共 {children.data.items.length} 个</Typography.Text>
          ) : null}
        </Typography.Title>
        {(children.data?.items.length ?? 0) > 8 ? (
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
      {children.error ? <QueryError error={children.error} onRetry={() => void children.refetch()} /> : null}
      {children.isLoading ? <Skeleton active /> : null}
      {children.data ? <ChildRegions items={items} /> : null}
    </div>
  );
}
