import '../../components/work-pages.css';
import { useState } from 'react';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Tag, Typography, message } from 'antd';
import { Link, useParams } from 'react-router-dom';
import {
  RESCUE_CATEGORY_LABELS,
  RESCUE_HELP_KIND_LABELS,
  RESCUE_PLACEMENT_KIND_LABELS,
  RESCUE_SOURCE_LABELS,
  RESCUE_STATUS_LABELS,
} from '../../../common/enums';
import { errorMessage, isApiError } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCan } from '../../lib/auth';
import { formatMinute } from '../../lib/format';
import { CloseSheet, HelpSheet, PlaceSheet, RevealSheet } from './PersonActions';
import { usePerson, usePersonActions } from './queries';
import { MinorTag, personTitle, StatusTag } from './RescueBits';

const yuan = (fen: number | null) => (fen === null ? '' : `${(fen / 100).toFixed(2)} 元`);

/** One person found: what is known (masked), earlier rescues, help given, placement, and the actions. */
export function PersonPage() {
  const { id = '' } = useParams();
  const person = usePerson(id);
  const actions = usePersonActions(id);
  const canRecord = useCan('rescue:record');
  const canReveal = useCan('personal:reveal');
  const [sheet, setSheet] = useState<'help' | 'place' | 'close' | 'reveal' | null>(null);
  if (person.error) return <QueryError error={person.error} onRetry={() => void person.refetch()} />;
  if (!person.data) return <Skeleton active />;
  const p = person.data;
  const open = p.status !== 'returned' && p.status !== 'closed';
  const pending = p.placements.find((pl) => pl.awaitingScreening);

  const confirm = () =>
    actions.confirm.mutate(undefined, {
      onSuccess: () => void message.success('筛查已完成，已确认入站安置'),
      onError: (e) =>
        void message.error(
          isApiError(e, 'RESCUE_SCREENING_PENDING')
            ? '定点医院筛查尚未登记完成，暂不能入站'
            : errorMessage(e),
        ),
    });

  return (
    <div className="fx-tr-form">
      <PageHeader
        top={
          <Link to="/rescue" className="fx-muted">
            <ArrowLeftOutlined /> 流浪乞讨救助
          </Link>
        }
        title={
          <span className="fx-tr-name">
            {personTitle(p)} <MinorTag minor={p.minor} />
            <StatusTag status={p.status} />
          </span>
        }
        subtitle={`${RESCUE_CATEGORY_LABELS[p.category]} · ${RESCUE_SOURCE_LABELS[p.source]}`}
      />
      {p.warning ? (
        <Alert
          type="warning"
          showIcon
          className="fx-block"
          title={p.warning}
          description={
            p.earlier.length > 1 ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {p.earlier.map((e) => (
                  <li key={`${e.regionCode}${e.foundAt}`}>
                    {formatMinute(e.foundAt)} {e.regionName}（{RESCUE_STATUS_LABELS[e.status]}）
                    {e.personId ? <Link to={`/rescue/persons/${e.personId}`}> 查看</Link> : null}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
      {p.minor && (p.status === 'found' || p.status === 'helped') ? (
        <Alert
          type="error"
          showIcon
          className="fx-block"
          title="未成年人：先送定点医院健康检查和传染病筛查，再入站安置"
        />
      ) : null}
      {pending ? (
        <Card size="small" className="fx-block">
          <Alert
            type="warning"
            showIcon
            title={`等待筛查：${pending.institutionName ?? ''}`}
            description={
              <span>
                在“入院前隔离”中登记定点医院筛查后，方可确认入站。
                {pending.isolationPersonId ? (
                  <Link to={`/isolation/${pending.isolationPersonId}`}>打开隔离记录</Link>
                ) : null}
              </span>
            }
          />
          {canRecord ? (
            <Button
              type="primary"
              block
              className="fx-tr-section"
              loading={actions.confirm.isPending}
              onClick={confirm}
            >
              筛查已完成，确认入站
            </Button>
          ) : null}
        </Card>
      ) : null}
      <Card size="small" className="fx-block">
        <Descriptions column={1} size="small">
          <Descriptions.Item label="发现时间">{formatMinute(p.foundAt)}</Descriptions.Item>
          <Descriptions.Item label="发现地点">
            {p.regionName} {p.foundPlace}
          </Descriptions.Item>
          <Descriptions.Item label="状况">{p.condition}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{p.idNumberMasked ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="电话">{p.phoneMasked ?? '—'}</Descriptions.Item>
          {p.patrolId ? (
            <Descriptions.Item label="巡查">
              <Link to={`/rescue/patrols/${p.patrolId}`}>查看巡查记录</Link>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label="登记人">{p.createdByName}</Descriptions.Item>
          {p.closedReason ? <Descriptions.Item label="结案原因">{p.closedReason}</Descriptions.Item> : null}
        </Descriptions>
        {canReveal ? (
          <Button size="small" style={{ marginTop: 8 }} onClick={() => setSheet('reveal')}>
            查看完整信息
          </Button>
        ) : null}
      </Card>
      <Card size="small" className="fx-block" title="救助帮扶">
        {p.helps.length === 0 ? <Typography.Text type="secondary">尚未登记</Typography.Text> : null}
        {p.helps.map((h) => (
          <div key={h.id} className="fx-tr-list-row">
            <span className="fx-tr-name">
              <Typography.Text strong>
                {RESCUE_HELP_KIND_LABELS[h.kind]}
                {h.amountFen !== null ? ` ${yuan(h.amountFen)}` : ''}
              </Typography.Text>
              {h.note ? <div>{h.note}</div> : null}
              <div className="fx-muted fx-small">{h.givenByName}</div>
            </span>
            <span className="fx-muted fx-small">{formatMinute(h.createdAt)}</span>
          </div>
        ))}
      </Card>
      <Card size="small" className="fx-block" title="安置">
        {p.placements.length === 0 ? <Typography.Text type="secondary">尚未安置</Typography.Text> : null}
        {p.placements.map((pl) => (
          <div key={pl.id} className="fx-tr-list-row">
            <span className="fx-tr-name">
              <Typography.Text strong>{RESCUE_PLACEMENT_KIND_LABELS[pl.kind]}</Typography.Text>
              {pl.awaitingScreening ? (
                <Tag color="magenta" style={{ marginInlineStart: 8 }}>
                  待筛查
                </Tag>
              ) : null}
              {pl.institutionName ? <div>{pl.institutionName}</div> : null}
              {pl.note ? <div>{pl.note}</div> : null}
              <div className="fx-muted fx-small">{pl.placedByName}</div>
            </span>
            <span className="fx-muted fx-small">{formatMinute(pl.confirmedAt ?? pl.createdAt)}</span>
          </div>
        ))}
      </Card>
      {canRecord && open ? (
        <Flex vertical gap={8} className="fx-tr-section">
          {p.status !== 'screening' ? (
            <>
              <Button type="primary" block size="large" onClick={() => setSheet('help')}>
                登记帮扶
              </Button>
              <Button block size="large" onClick={() => setSheet('place')}>
                安置
              </Button>
            </>
          ) : null}
          <Button block danger onClick={() => setSheet('close')}>
            结案
          </Button>
        </Flex>
      ) : null}
      <HelpSheet open={sheet === 'help'} onClose={() => setSheet(null)} actions={actions} />
      <PlaceSheet open={sheet === 'place'} onClose={() => setSheet(null)} actions={actions} person={p} />
      <CloseSheet open={sheet === 'close'} onClose={() => setSheet(null)} actions={actions} />
      <RevealSheet open={sheet === 'reveal'} onClose={() => setSheet(null)} personId={p.id} />
    </div>
  );
}
