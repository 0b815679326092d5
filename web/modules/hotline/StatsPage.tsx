import './hotline.css';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Flex, Segmented, Statistic } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { HOTLINE_CATEGORIES, HOTLINE_CATEGORY_LABELS, type HotlineCategory } from '../../../common/enums';
import { useCan, useUser } from '../../lib/auth';
import { toSearchParams } from '../../lib/url-state';
import { BarList } from '../../components/BarList';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { RegionPicker } from '../../components/RegionPicker';
import { PublishNumberCard } from './PublishNumberCard';
import { useCallStats } from './queries';

const PERIODS = { '7': '近 7 天', '30': '近 30 天', all: '全部' } as const;
type Period = keyof typeof PERIODS;

/** 来电统计: by category, by day and by the region's children. */
export function StatsPage() {
  const user = useUser();
  const canManage = useCan('hotline:manage');
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const rawPeriod = params.get('period');
  const period: Period = rawPeriod === '7' || rawPeriod === '30' ? rawPeriod : 'all';
  const from = period === 'all' ? undefined : dayjs().subtract(Number(period) - 1, 'day').format('YYYY-MM-DD');
  const stats = useCallStats({ ...(region ? { region } : {}), ...(from ? { from } : {}) });
  const update = (next: { region?: string; period: Period }) =>
    setParams(toSearchParams({ region: next.region, period: next.period === 'all' ? undefined : next.period }));
  const s = stats.data;
  const byCategory = s
    ? Object.entries(s.byCategory)
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => ({
          key: k,
          label: HOTLINE_CATEGORIES.includes(k as HotlineCategory)
            ? HOTLINE_CATEGORY_LABELS[k as HotlineCategory]
            : k,
          value: n,
        }))
    : [];
  const byDay = (s?.byDay ?? []).map((d) => ({ key: d.day, label: d.day.slice(5), value: d.n }));
  const byRegion = (s?.byRegion ?? []).map((r) => ({ key: r.regionCode, label: r.regionName, value: r.n }));

  return (
    <div>
      <PageHeader
        top={
          <Link to="/hotline/calls" className="fx-back">
            <ArrowLeftOutlined /> 热线工作台
          </Link>
        }
        title="来电统计"
        subtitle="按类别、日期和下级区划统计热线来电"
      />
      <Flex wrap gap={8} className="fx-block">
        <RegionPicker
          rootCode={user.regionCode}
          value={region}
          allowClear
          placeholder={`全部（${user.regionName}）`}
          onChange={(code) => update({ region: code, period })}
          style={{ flex: '1 1 240px', maxWidth: 360 }}
        />
        <Segmented
          value={period}
          onChange={(v) => update({ region, period: v as Period })}
          options={(Object.keys(PERIODS) as Period[]).map((p) => ({ value: p, label: PERIODS[p] }))}
        />
      </Flex>
      {stats.error ? <QueryError error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      <div className="fx-stats-grid">
        <Card size="small" loading={stats.isLoading}>
          <Statistic title="来电总数" value={s?.total ?? 0} suffix="件" />
        </Card>
        <Card size="small" title="按类别" loading={stats.isLoading}>
          <BarList items={byCategory} emptyText="暂无来电" />
        </Card>
        <Card size="small" title="按日期" loading={stats.isLoading}>
          <BarList items={byDay} emptyText="暂无来电" color="#0ea5e9" />
        </Card>
        <Card size="small" title="按区划" loading={stats.isLoading}>
          <BarList items={byRegion} emptyText="暂无来电" color="#16a34a" />
        </Card>
        {canManage ? <PublishNumberCard /> : null}
      </div>
    </div>
  );
}
