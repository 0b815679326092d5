import './hotline.css';
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Statistic } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { HOTLINE_CATEGORIES, HOTLINE_CATEGORY_LABELS, type HotlineCategory } from '../../../common/enums';
import { useCan, useUser } from '../../lib/auth';
import { toSearchParams } from '../../lib/url-state';
import { BarList } from '../../components/BarList';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { RegionPicker } from '../../components/RegionPicker';
import { caseApi } from './api';
import { DayChart } from './DayChart';
import { PublishNumberCard } from './PublishNumberCard';
import { useCallStats } from './queries';

const PERIODS = { '7': '近 7 天', '30': '近 30 天', all: '全部' } as const;
type Period = keyof typeof PERIODS;

/** 来电统计: by category, by day and by the region's children. */
export function StatsPage() {
  const user = useUser();
  const canManage = useCan('hotline:manage');
  const canGrants = useCan('assistance:read');
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
  const top3 = byCategory.slice(0, 3).map((c) => c.label).join('、');
  const asOf = s ? `${Number(s.asOf.slice(5, 7))} 月 ${Number(s.asOf.slice(8, 10))} 日` : '';
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
          {s && s.total > 0 ? (
            <p className="fx-break" data-testid="stats-headline" style={{ marginBottom: 0 }}>
              截至 {asOf}，共接到求助电话 {s.total} 个，求助内容涉及{top3}等。
            </p>
          ) : null}
        </Card>
        <Card size="small" title="办理时限" loading={stats.isLoading}>
          <Flex gap={16} wrap>
            <Statistic title="时限达标" value={s?.sla.met ?? 0} suffix="件" styles={{ content: { color: '#16a34a' } }} />
            <Statistic title="超时" value={s?.sla.missed ?? 0} suffix="件" styles={{ content: { color: '#dc2626' } }} />
            <Statistic title="办理中" value={s?.sla.running ?? 0} suffix="件" />
          </Flex>
          <Flex gap={8} wrap style={{ marginTop: 8 }}>
            <Button icon={<DownloadOutlined />} href={caseApi.exportUrl({ ...(region ? { region } : {}), ...(from ? { from } : {}) })}>
              导出个案
            </Button>
            {canGrants ? (
              <Button icon={<DownloadOutlined />} href={`/api/assistance/grants/export${region ? `?region=${region}` : ''}`}>
                导出救助发放
              </Button>
            ) : null}
          </Flex>
        </Card>
        <Card size="small" title="按类别" loading={stats.isLoading}>
          <BarList items={byCategory} emptyText="暂无来电" />
        </Card>
        <Card size="small" title="按日期" loading={stats.isLoading}>
          <DayChart days={s?.byDay ?? []} />
        </Card>
        <Card size="small" title="按区划" loading={stats.isLoading}>
          <BarList items={byRegion} emptyText="暂无来电" color="#16a34a" />
        </Card>
        {canManage ? <PublishNumberCard /> : null}
      </div>
    </div>
  );
}
