import { RightOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { RegionWithCounts } from '../../../common/contracts/regions';
import { REGION_LEVEL_LABELS } from '../../../common/enums';
import { formatCount } from '../../lib/format';

/** Labels of the figures modules put into `counts`; unknown keys show their key. */
const COUNT_LABELS: Record<string, string> = { users: '用户', institutions: '机构' };

function RegionCard({ region }: { region: RegionWithCounts }) {
  const figures = Object.entries(region.counts);
  return (
    <Link to={`/regions/${region.code}`} className="fx-region-link" data-region-code={region.code}>
      <Card size="small" hoverable className="fx-region-card">
        <div className="fx-region-card-head">
          <Typography.Text strong className="fx-region-name">
            {region.name}
          </Typography.Text>
          <RightOutlined className="fx-muted" />
        </div>
        <div className="fx-region-meta" title={REGION_LEVEL_LABELS[region.level]}>
          {region.code}
        </div>
        <div className="fx-region-figures">
          <span>
            下级 <b>{formatCount(region.childCount)}</b>
          </span>
          {figures.map(([key, n]) => (
            <span key={key}>
              {COUNT_LABELS[key] ?? key} <b>{formatCount(n)}</b>
            </span>
          ))}
        </div>
      </Card>
    </Link>
  );
}

export function ChildRegions({ items }: { items: RegionWithCounts[] }) {
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有下级区划" />;
  return (
    <Row gutter={[12, 12]} className="fx-region-grid">
      {items.map((r) => (
        <Col key={r.code} xs={12} sm={12} md={8} lg={6} xxl={4}>
          <RegionCard region={r} />
        </Col>
      ))}
    </Row>
  );
}
