import '../../components/work-pages.css';
import { useState } from 'react';
import { ArrowLeftOutlined, CheckCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Skeleton, Tag, Typography, message } from 'antd';
import { Link, useParams } from 'react-router-dom';
import {
  CHECK_KIND_LABELS,
  ISOLATION_ROLE_LABELS,
  TEST_RESULT_LABELS,
  type Blocker,
  type IsolationCheck,
} from '../../../common/contracts/isolation';
import { ISOLATION_REASON_LABELS } from '../../../common/enums';
import { errorMessage, isApiError } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCan } from '../../lib/auth';
import { formatMinute } from '../../lib/format';
import { ClockTag } from './IsolationPage';
import { daysRemaining } from './labels';
import { CheckSheet } from './CheckSheet';
import { OverrideSheet } from './OverrideSheet';
import { useAdmit, usePerson } from './queries';

function checkText(c: IsolationCheck): string {
  if (c.kind === 'symptom')
    return `${c.symptoms ? '有症状' : '无症状'}${c.temperature != null ? `，体温 ${c.temperature}℃` : ''}`;
  if (c.kind === 'test') return c.testResult ? TEST_RESULT_LABELS[c.testResult] : '';
  return '筛查';
}

/** One person: the clock, what still blocks admission, the admission gate, checks and tests. */
export function PersonDetailPage() {
  const { id = '' } = useParams();
  const person = usePerson(id);
  const canRecord = useCan('isolation:record');
  const admit = useAdmit(id);
  const [refused, setRefused] = useState<Blocker[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [overriding, setOverriding] = useState(false);

  if (person.error) return <QueryError error={person.error} onRetry={() => void person.refetch()} />;
  if (!person.data) return <Skeleton active />;
  const p = person.data;
  const left = daysRemaining(p.earliestRelease);
  const action = p.role === 'staff' ? '返岗' : '入院';
  const shownBlockers = refused ?? p.blockers;

  const tryAdmit = () =>
    admit.mutate(
      {},
      {
        onSuccess: () => {
          setRefused(null);
          void message.success(`已办理${action}`);
        },
        onError: (e) => {
          const details = isApiError(e) ? (e.details as { blockers?: Blocker[] } | undefined) : undefined;
          if (isApiError(e) && e.status === 422 && details?.blockers) setRefused(details.blockers);
          else void message.error(errorMessage(e));
        },
      },
    );

  return (
    <div className="fx-tr-form">
      <PageHeader
        top={
          <Link to="/isolation" className="fx-muted">
            <ArrowLeftOutlined /> 入院前隔离
          </Link>
        }
        title={
          <span>
            {p.nameMasked} <ClockTag p={p} />
          </span>
        }
        subtitle={`${p.institutionName} · ${ISOLATION_ROLE_LABELS[p.role]} · ${ISOLATION_REASON_LABELS[p.reason]}`}
      />

      <Card size="small" className="fx-block">
        {p.status === 'isolating' ? (
          <>
            <div className="fx-tr-card-head">
              <div>
                <div className="fx-tr-stat-label">隔离天数</div>
                <div className="fx-tr-clock">
                  第 {p.dayOfIsolation} / {p.requiredDays} 天
                </div>
              </div>
              <div style={{ textAlign: 'right' }}>
                <div className="fx-tr-stat-label">距可解除</div>
                <div className={`fx-tr-clock${left > 0 ? ' fx-tr-over' : ''}`}>
                  {left > 0 ? `${left} 天` : '已期满'}
                </div>
              </div>
            </div>
            <div className="fx-tr-meta">
              <span>开始 {p.startDate}</span>
              <span>最早 {p.earliestRelease} 可解除</span>
              {p.screeningRequired ? (
                <span>定点医院筛查：{p.screeningDone ? '已完成' : '未完成'}</span>
              ) : null}
            </div>
            {shownBlockers.length > 0 ? (
              <Alert
                className="fx-tr-section"
                type={refused ? 'error' : 'warning'}
                showIcon
                title={refused ? `不能办理${action}` : `尚不能${action}`}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {shownBlockers.map((b) => (
                      <li key={b.code}>{b.message}</li>
                    ))}
                  </ul>
                }
              />
            ) : (
              <Alert
                className="fx-tr-section"
                type="success"
                showIcon
                title={`条件已满足，可以办理${action}`}
              />
            )}
            {canRecord ? (
              <>
                <Button
                  type="primary"
                  block
                  className="fx-tr-admit fx-tr-section"
                  icon={<CheckCircleOutlined />}
                  loading={admit.isPending}
                  onClick={tryAdmit}
                >
                  办理{action}
                </Button>
                {refused && refused.length > 0 ? (
                  <Button block danger className="fx-tr-section" onClick={() => setOverriding(true)}>
                    申请提前解除（另一名审批人复核）
                  </Button>
                ) : null}
              </>
            ) : null}
          </>
        ) : (
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'at', label: `${action}时间`, children: formatMinute(p.admittedAt) },
              { key: 'days', label: '隔离期', children: `${p.requiredDays} 天（${p.startDate} 起）` },
              ...(p.overridden
                ? [
                    {
                      key: 'ov',
                      label: '提前解除',
                      children: (
                        <span>
                          <Tag color="red">经复核提前解除</Tag>
                          {p.overrideReason}
                        </span>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>

      <Card size="small" title="身份信息" className="fx-block">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'name', label: '姓名', children: p.nameMasked },
            { key: 'id', label: '身份证号', children: p.idNumberMasked ?? '无' },
            { key: 'by', label: '登记', children: `${p.createdByName} · ${formatMinute(p.createdAt)}` },
          ]}
        />
      </Card>

      <Card
        size="small"
        title="症状检查与检测记录"
        extra={
          canRecord && p.status === 'isolating' ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setChecking(true)}>
              登记
            </Button>
          ) : undefined
        }
      >
        {p.checks.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" /> : null}
        {p.checks.map((c) => (
          <div key={c.id} className="fx-tr-list-row">
            <div className="fx-tr-name">
              <div>
                <Tag>{CHECK_KIND_LABELS[c.kind]}</Tag>
                <span className={c.symptoms || c.testResult === 'positive' ? 'fx-tr-bad' : undefined}>
                  {checkText(c)}
                </span>
              </div>
              {c.note ? (
                <Typography.Text type="secondary" className="fx-small">
                  {c.note}
                </Typography.Text>
              ) : null}
            </div>
            <div className="fx-muted fx-small" style={{ textAlign: 'right', flexShrink: 0 }}>
              <div>{c.day}</div>
              <div>{c.recordedByName}</div>
            </div>
          </div>
        ))}
      </Card>
      {canRecord ? <CheckSheet personId={p.id} open={checking} onClose={() => setChecking(false)} /> : null}
      {canRecord ? (
        <OverrideSheet
          personId={p.id}
          blockers={shownBlockers}
          open={overriding}
          onClose={() => {
            setOverriding(false);
            setRefused(null);
          }}
        />
      ) : null}
    </div>
  );
}
