import './hotline.css';
import { useMemo } from 'react';
import { ClockCircleOutlined, EnvironmentOutlined, PhoneFilled } from '@ant-design/icons';
import { Alert, Card, Empty, Flex, Select, Spin, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useDirectory } from './queries';

/** The provinces and cities the published numbers lie in, from the directory itself (no region API: no login here). */
function areaOptions(paths: string[]): { value: string; label: string }[] {
  const areas = new Set<string>();
  for (const path of paths) {
    const parts = path.split(' ').filter(Boolean);
    if (parts[0]) areas.add(parts[0]);
    if (parts.length > 2) areas.add(parts.slice(0, 2).join(' '));
  }
  return [...areas].sort((a, b) => a.localeCompare(b, 'zh-CN')).map((a) => ({ value: a, label: a }));
}

/** 24 小时救助热线: public, outside the login; every number is a tel: link. */
export function PublicHotlinePage() {
  const [params, setParams] = useSearchParams();
  const area = params.get('area') ?? undefined;
  const directory = useDirectory();
  const items = directory.data?.items ?? [];
  const options = useMemo(() => areaOptions(items.map((n) => n.regionPath)), [items]);
  const shown = area ? items.filter((n) => n.regionPath === area || n.regionPath.startsWith(`${area} `)) : items;

  return (
    <div className="fx-public">
      <div className="fx-public-inner">
        <div className="fx-public-brand">
          <span className="fx-brand-mark fx-brand-mark-large">防</span>
          <div style={{ minWidth: 0 }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              24 小时救助热线
            </Typography.Title>
            <Typography.Text type="secondary">
              遇到生活困难、看病没钱、滞留外地、发现流浪乞讨人员，请拨打当地民政救助热线
            </Typography.Text>
          </div>
        </div>
        <Select
          className="fx-block"
          style={{ width: '100%' }}
          size="large"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="选择省份或城市"
          value={area}
          onChange={(v?: string) => setParams(v ? { area: v } : {})}
          options={options}
          notFoundContent="没有该地区的号码"
        />
        {directory.error ? (
          <Alert type="error" showIcon className="fx-block" title="暂时无法加载号码，请稍后刷新重试" />
        ) : null}
        {directory.isLoading ? (
          <Flex justify="center" style={{ padding: 32 }}>
            <Spin />
          </Flex>
        ) : null}
        {directory.data && shown.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该地区尚未公布热线号码" />
        ) : null}
        <div className="fx-public-list">
          {shown.map((n) => (
            <Card key={n.id} size="small">
              <div className="fx-card-title">{n.name}</div>
              <Flex wrap gap={4} align="center" style={{ marginTop: 4 }}>
                <span className="fx-muted fx-small fx-break">
                  <EnvironmentOutlined /> {n.regionPath}
                </span>
                <Tag color="green" icon={<ClockCircleOutlined />}>
                  {n.hours}
                </Tag>
              </Flex>
              <a className="fx-tel" href={`tel:${n.phone.replace(/[^\d+]/g, '')}`} aria-label={`拨打 ${n.name} ${n.phone}`}>
                <PhoneFilled /> {n.phone}
              </a>
            </Card>
          ))}
        </div>
        <div className="fx-center fx-muted" style={{ marginTop: 24 }}>
          情况紧急危及生命请拨打 110 / 120 · <Link to="/login">工作人员登录</Link>
        </div>
      </div>
    </div>
  );
}
