import { Card, List, Space, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { Button } from 'antd';
import { BENEFICIARY_PROGRAMME_LABELS } from '../../../common/enums';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCan } from '../../lib/auth';
import { formatMinute } from '../../lib/format';
import { StatusTag } from './labels';
import { useHouseholds } from './queries';

function Queue({ status, title }: { status: 'applied' | 'reviewed'; title: string }) {
  const q = useHouseholds({ status, page: 1, pageSize: 100 });
  return (
    <Card size="small" title={`${title}（${q.data?.total ?? 0}）`} style={{ marginBottom: 12 }}>
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <List
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '暂无' }}
        renderItem={(h) => (
          <List.Item>
            <Link to={`/beneficiaries/${h.id}`} style={{ color: 'inherit', display: 'block', minWidth: 0 }}>
              <Space wrap>
                <Typography.Text strong>{h.headName}</Typography.Text>
                <StatusTag status={h.status} />
                <span>{BENEFICIARY_PROGRAMME_LABELS[h.programme]}</span>
              </Space>
              <div>
                <Typography.Text type="secondary">
                  {h.regionName} · {h.memberCount} 人 · {h.createdByName} 受理于{' '}
                  <span style={{ whiteSpace: 'nowrap' }}>{formatMinute(h.createdAt)}</span>
                </Typography.Text>
              </div>
            </Link>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 低保、特困 enrolment: applications waiting for review, then for approval. */
export function EnrolmentPage() {
  const navigate = useNavigate();
  const canManage = useCan('beneficiaries:manage');
  return (
    <div>
      <PageHeader
        top={<Link to="/beneficiaries">← 救助对象</Link>}
        title="低保特困审批"
        subtitle="受理 → 审核 → 审批，审批人须不同于受理人和审核人"
        extra={
          canManage ? (
            <Button type="primary" onClick={() => navigate('/beneficiaries/new?apply=1')}>
              受理申请
            </Button>
          ) : null
        }
      />
      <Queue status="applied" title="待审核" />
      <Queue status="reviewed" title="待审批" />
    </div>
  );
}
