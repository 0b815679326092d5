import './hotline.css';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useCan, useUser } from '../../lib/auth';
import { formatMinute } from '../../lib/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { caseApi } from './api';
import { CloseButton, ClockRow, Photos, RevealButton, SlaMetTag } from './CaseBits';
import { CallStatusTag, CategoryTag, SlaLight, UrgencyTag } from './HotlineBits';
import { HOTLINE_REFRESH_MS } from './queries';
import { VerifyButton } from './VerifyButton';

const PAPERWORK: Record<string, string> = { open: '待补手续', completed: '手续已补齐', written_off: '已核销' };

/** 个案: the call with its three clocks, home verification and photos, the grants paid for it. */
export function CallPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const navigate = useNavigate();
  const canHandle = useCan('hotline:handle');
  const canReveal = useCan('personal:reveal');
  const canGrant = useCan('assistance:grant');
  const canSeeGrants = useCan('assistance:read');
  const call = useQuery({ queryKey: ['hotline', 'call', id], queryFn: () => caseApi.get(id), refetchInterval: HOTLINE_REFRESH_MS });
  const grants = useQuery({ queryKey: ['hotline', 'call', id, 'grants'], queryFn: () => caseApi.grants(id), enabled: canSeeGrants });
  const c = call.data;
  const back = (
    <Link to="/hotline/calls" className="fx-back">
      <ArrowLeftOutlined /> 热线工作台
    </Link>
  );
  if (call.error) return <div>{back}<QueryError error={call.error} onRetry={() => void call.refetch()} /></div>;
  if (!c) return <Card loading />;
  const holding = c.claimedById === user.id;
  const open = c.closedAt === null;

  return (
    <div>
      <PageHeader top={back} title={`${c.regionName} · ${c.callerName}`} subtitle={`来电 ${formatMinute(c.createdAt)} · ${c.takenByName} 接听`} />
      <Flex wrap gap={6} className="fx-block" align="center">
        <SlaLight call={c} />
        <CategoryTag category={c.category} />
        <UrgencyTag urgency={c.urgency} />
        <CallStatusTag status={c.status} />
        <SlaMetTag slaMet={c.slaMet} />
        {c.escalated ? <Tag color="red">已上报区县</Tag> : null}
      </Flex>
      <div className="fx-case-grid">
        <Flex vertical gap={16}>
          <Card size="small" title="诉求">
            <p className="fx-break" style={{ marginTop: 0 }}>{c.content}</p>
            <Descriptions size="small" column={1} items={[
              { key: 'caller', label: '来电人', children: <Flex wrap gap={8} align="center">{c.callerName} {c.callerPhone}{canReveal ? <RevealButton callId={c.id} /> : null}</Flex> },
              { key: 'where', label: '困难所在地', children: c.address },
              { key: 'handler', label: '办理人', children: c.claimedByName ?? '待认领' },
            ]} />
          </Card>
          <Card size="small" title="办理时限">
            <ClockRow label="当日入户核实" clock={c.clocks.verify} />
            <ClockRow label={c.urgency === 'urgent' ? '24 小时内应急救助' : '3 个工作日内救助'} clock={c.clocks.payment} />
            {c.closeNote ? <div className="fx-muted fx-small">办结：{c.closeNote}</div> : null}
          </Card>
        </Flex>
        <Flex vertical gap={16}>
          <Card size="small" title="入户核实" extra={holding && !c.verifiedAt && open ? <VerifyButton call={c} /> : null}>
            {c.verifications.map((v) => (
              <div key={v.visitedAt} className="fx-block">
                <div className="fx-strong">{v.visitors} · {formatMinute(v.visitedAt)}</div>
                <div className="fx-break">{v.findings}</div>
                <div className="fx-muted fx-small">{v.recordedByName} 记录</div>
              </div>
            ))}
            {c.verifications.length === 0 ? <div className="fx-muted fx-block">尚未核实</div> : null}
            <Photos call={c} canUpload={canHandle && open} />
          </Card>
          {canSeeGrants ? (
            <Card size="small" title="临时救助" extra={canGrant && open && c.verifiedAt ? <Button type="primary" size="small" onClick={() => void navigate(`/assistance?callId=${c.id}&region=${c.regionCode}`)}>发放临时救助</Button> : null}>
              {(grants.data?.items ?? []).map((g) => (
                <div key={g.id} className="fx-block">
                  <span className="fx-strong">¥{(g.amountFen / 100).toLocaleString('zh-CN')}</span>{' '}
                  <Tag color={g.status === 'paid' ? 'success' : 'warning'}>{g.status === 'paid' ? '已发放' : '待审批'}</Tag>
                  {g.provisional ? <Tag>先行救助</Tag> : null}
                  {g.paperworkStatus ? <Tag color={g.paperworkStatus === 'open' ? 'orange' : 'default'}>{PAPERWORK[g.paperworkStatus]}{g.paperworkStatus === 'open' ? ` · ${g.paperworkDueOn} 前` : ''}</Tag> : null}
                  <div className="fx-muted fx-small">{g.paidAt ? `发放 ${formatMinute(g.paidAt)}` : ''} · {g.createdByName}</div>
                </div>
              ))}
              {grants.data?.items.length === 0 ? <div className="fx-muted">尚未发放</div> : null}
            </Card>
          ) : null}
          {canHandle && open ? <div><CloseButton callId={c.id} /></div> : null}
        </Flex>
      </div>
    </div>
  );
}
