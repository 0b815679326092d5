import './sweeps.css';
import { Button, Card, Popconfirm, Progress, Space, Tag, Typography, message } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { CoverageRow } from '../../../common/contracts/sweeps';
import { BENEFICIARY_PROGRAMME_LABELS, SWEEP_STATUS_LABELS } from '../../../common/enums';
import { regionLevel } from '../../../common/region-code';
import { errorMessage } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCan } from '../../lib/auth';
import { useCloseSweep, useCoverage, useSweep } from './queries';

const pct = (r: CoverageRow) => (r.households ? Math.round((r.contacted / r.households) * 100) : 0);

function CoverageLine({ row, sweepId, drill }: { row: CoverageRow; sweepId: string; drill: boolean }) {
  const village = regionLevel(row.regionCode) === 'village';
  return (
    <div className="coverage-row">
      <div className="coverage-head">
        {drill && !village ? <Link to={`?region=${row.regionCode}`}>{row.regionName}</Link> : <span>{row.regionName}</span>}
        {village && <Link to={`/sweeps/${sweepId}/worklist?village=${row.regionCode}`}>清单</Link>}
      </div>
      <Progress percent={pct(row)} size="small" />
      <div className="sweep-meta">
        共 {row.households} 户 · 已联系 {row.contacted} · 正常 {row.fine} · <span className={row.difficulty > 0 ? 't-red' : undefined}>有困难 {row.difficulty}</span> · 联系不上 {row.unreachable}
      </div>
    </div>
  );
}

/** Live coverage of a sweep for a region and each child region, with progress bars; drill down by tapping. */
export function SweepDetailPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const sweep = useSweep(id);
  const cov = useCoverage(id, region);
  const canManage = useCan('sweeps:manage');
  const close = useCloseSweep(id);
  const s = sweep.data;
  return (
    <div className="sweep-page">
      <PageHeader
        title={s?.name ?? '走访排查'}
        subtitle={s ? `${s.regionName} · ${s.programmes.map((p) => BENEFICIARY_PROGRAMME_LABELS[p]).join('、')}` : undefined}
        extra={
          s && (
            <Space wrap>
              <Tag color={s.status === 'open' ? 'processing' : 'default'}>{SWEEP_STATUS_LABELS[s.status]}</Tag>
              <Link to={`/sweeps/${id}/worklist`}>走访清单</Link>
              {canManage && s.status === 'open' && (
                <Popconfirm title="结束后不能再记录走访，确定结束？" onConfirm={() => close.mutateAsync().catch((e: unknown) => void message.error(errorMessage(e)))}>
                  <Button size="small">结束</Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
      />
      {cov.error ? <QueryError error={cov.error} onRetry={() => void cov.refetch()} /> : null}
      {cov.data && (
        <Card size="small" className="sweep-card" title={`覆盖情况：${cov.data.region.regionName}`}>
          <CoverageLine row={cov.data.region} sweepId={id} drill={false} />
          {/* A village is the lowest level: it has no children to list. */}
          {regionLevel(cov.data.region.regionCode) !== 'village' && (
            <>
              <Typography.Text type="secondary">下级区划</Typography.Text>
              {cov.data.children.map((c) => (
                <CoverageLine key={c.regionCode} row={c} sweepId={id} drill />
              ))}
              {cov.data.children.length === 0 && <Typography.Paragraph type="secondary">没有下级区划的走访对象。</Typography.Paragraph>}
            </>
          )}
        </Card>
      )}
    </div>
  );
}
