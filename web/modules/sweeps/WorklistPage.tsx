import './sweeps.css';
import { useRef, useState } from 'react';
import { Button, Input, Modal, Segmented, Select, Tag, Typography, message } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { RecordContactInput, WorklistItem } from '../../../common/contracts/sweeps';
import {
  BENEFICIARY_PROGRAMME_LABELS,
  CONTACT_CHANNEL_LABELS,
  CONTACT_CHANNELS,
  CONTACT_OUTCOME_LABELS,
  HOTLINE_CATEGORY_LABELS,
  SWEEP_RISK_LABELS,
  type ContactChannel,
  type ContactOutcome,
} from '../../../common/enums';
import { regionLevel } from '../../../common/region-code';
import { errorMessage } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCan, useUser } from '../../lib/auth';
import { formatDate } from '../../lib/format';
import { newIdempotencyKey } from '../../lib/reliable-send';
import { sweepsApi, useRecordContact, useWorklist } from './queries';

const OUTCOME_COLORS: Record<ContactOutcome, string> = { fine: 'success', difficulty: 'error', unreachable: 'warning' };
const HOT_RISKS = new Set(['recent_hotline', 'aged_80', 'living_alone']);
const CATEGORIES = ['living', 'economic', 'medical', 'child', 'other'] as const;
/** What "有困难" opens (server/modules/sweeps/sweeps.case.ts): a hotline case routed to the household's town. */
const CASE_OPENED = '已转乡镇热线个案';

interface RowProps {
  item: WorklistItem;
  onRecord: (i: WorklistItem, input: Omit<RecordContactInput, 'householdId'>) => void;
  /** Without sweeps:record (a leader) the row is read-only: the outcome if any, no buttons. */
  canRecord: boolean;
  canReveal: boolean;
  sweepId: string;
  /** A list spanning several villages names each row's village; a village's list names it once, in the header. */
  showVillage: boolean;
}

function Row({ item, onRecord, canRecord, canReveal, sweepId, showVillage }: RowProps) {
  const [channel, setChannel] = useState<ContactChannel>('phone');
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>('living');
  const done = item.contact;
  const reveal = () => {
    let reason = '';
    Modal.confirm({
      title: '查看完整电话',
      content: <Input.TextArea placeholder="查看原因（至少 5 个字），将留痕" onChange={(e) => (reason = e.target.value)} />,
      onOk: async () => {
        try {
          const r = await sweepsApi.reveal(sweepId, item.householdId, reason);
          Modal.info({ title: '联系电话', content: r.members.map((m) => <div key={m.name}>{m.relation} {m.name}：{m.phone ? <a href={`tel:${m.phone}`}>{m.phone}</a> : '无'}</div>) });
        } catch (e) {
          void message.error(errorMessage(e));
          throw e;
        }
      },
    });
  };
  return (
    <div className={`wl-row${done ? ' wl-done' : ''}`} data-household={item.householdId}>
      <div className="wl-top">
        <span className="wl-name">{item.headName}</span>
        <span className="wl-score">风险 {item.score}</span>
      </div>
      <div className="sweep-meta">
        {showVillage && `${item.regionName} · `}
        {BENEFICIARY_PROGRAMME_LABELS[item.programme]} · {item.memberCount} 人 · 上次联系 {item.lastContactAt ? formatDate(item.lastContactAt) : '无记录'}
      </div>
      <div className="wl-phone">
        {item.phone ?? '未登记电话'}
        {item.phone && canReveal && (
          <Button size="small" type="link" onClick={reveal}>
            拨打
          </Button>
        )}
      </div>
      <div className="wl-tags">
        {item.risks.map((r) => (
          <Tag key={r} color={HOT_RISKS.has(r) ? 'red' : 'orange'}>
            {SWEEP_RISK_LABELS[r]}
          </Tag>
        ))}
      </div>
      {done ? (
        <div className="wl-result">
          <Tag color={OUTCOME_COLORS[done.outcome]}>{CONTACT_OUTCOME_LABELS[done.outcome]}</Tag>
          {CONTACT_CHANNEL_LABELS[done.channel]} · {done.cadreName}
          {done.callId && <span> · {CASE_OPENED}</span>}
        </div>
      ) : !canRecord ? (
        <div className="wl-result">
          <Tag>尚未联系</Tag>
        </div>
      ) : (
        <>
          {/* The channel stays visible (and changeable) while the difficulty is described: it is what gets recorded. */}
          <Segmented block value={channel} onChange={(v) => setChannel(v as ContactChannel)} options={CONTACT_CHANNELS.map((c) => ({ value: c, label: CONTACT_CHANNEL_LABELS[c] }))} />
          {asking ? (
            <div className="wl-ask">
              <Select value={category} onChange={setCategory} options={CATEGORIES.map((c) => ({ value: c, label: HOTLINE_CATEGORY_LABELS[c] }))} style={{ width: '100%' }} />
              <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} placeholder="困难情况（确认后转乡镇热线个案，当日入户核实）" rows={2} />
              <div className="wl-actions">
                <Button onClick={() => setAsking(false)}>取消</Button>
                <Button type="primary" danger disabled={note.trim().length < 2} onClick={() => onRecord(item, { channel, outcome: 'difficulty', note: note.trim(), category, urgency: 'normal' })}>
                  确认有困难
                </Button>
              </div>
            </div>
          ) : (
            <div className="wl-actions">
              <Button size="large" className="wl-fine" onClick={() => onRecord(item, { channel, outcome: 'fine', category: 'living', urgency: 'normal' })}>
                正常
              </Button>
              <Button size="large" danger onClick={() => setAsking(true)}>
                有困难
              </Button>
              <Button size="large" onClick={() => onRecord(item, { channel, outcome: 'unreachable', category: 'living', urgency: 'normal' })}>
                联系不上
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** The cadre's phone-first worklist: highest risk first, one tap per outcome, recorded optimistically. */
export function WorklistPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const village = params.get('village') ?? undefined;
  const user = useUser();
  const canRecord = useCan('sweeps:record');
  const canReveal = useCan('personal:reveal');
  const list = useWorklist(id, village);
  const record = useRecordContact(id, village);
  // One Idempotency-Key per household draft, kept until the server has the contact: a retry never records twice.
  const keys = useRef(new Map<string, string>());
  const onRecord = (item: WorklistItem, input: Omit<RecordContactInput, 'householdId'>) => {
    const idempotencyKey = keys.current.get(item.householdId) ?? newIdempotencyKey();
    keys.current.set(item.householdId, idempotencyKey);
    record.mutate(
      { input: { ...input, householdId: item.householdId }, idempotencyKey, cadreName: user.name },
      {
        onSuccess: (answer) => {
          keys.current.delete(item.householdId);
          if (answer.contact.callId) void message.success(`${CASE_OPENED}，乡镇将当日入户核实`);
        },
        onError: (e) => void message.error(`${errorMessage(e)}（可再点一次重试）`),
      },
    );
  };
  const items = list.data?.items ?? [];
  const left = items.filter((i) => !i.contact).length;
  // A village's list names the village once, in the header; a town's list (several villages) names it per row.
  const oneVillage = list.data !== undefined && regionLevel(list.data.regionCode) === 'village';
  const villageName = oneVillage && items[0] ? `${items[0].regionName} · ` : '';
  return (
    <div className="sweep-page wl-page">
      <PageHeader title="走访清单" subtitle={list.data ? `${villageName}待联系 ${left} / 共 ${list.data.total} 户` : undefined} extra={<Link to={`/sweeps/${id}`}>覆盖情况</Link>} />
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && items.length === 0 && <Typography.Paragraph type="secondary">本村(社区)没有需要走访的家庭。</Typography.Paragraph>}
      {items.map((i) => (
        <Row key={i.householdId} item={i} onRecord={onRecord} canRecord={canRecord} canReveal={canReveal} sweepId={id} showVillage={!oneVillage} />
      ))}
    </div>
  );
}
