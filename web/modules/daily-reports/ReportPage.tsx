import './daily-reports.css';
import { useState } from 'react';
import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  EditOutlined,
  FormOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { addDays, businessDay, isValidDay } from '../../../common/business-day';
import type {
  CorrectReportInput,
  DailyReport,
  Figures,
  SubmitReportInput,
} from '../../../common/contracts/daily-reports';
import {
  INSTITUTION_STATUS_LABELS,
  INSTITUTION_TYPE_LABELS,
  type InstitutionStatus,
} from '../../../common/enums';
import { dailyReportsApi } from '../../api/daily-reports';
import { errorMessage, isApiError } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCan, useUser } from '../../lib/auth';
import { SendPausedError, useReliableSend } from '../../lib/reliable-send';
import { clearDraft, draftId, getSigner, loadDraft, rememberSigner, saveDraftValues } from './drafts';
import { deadlineOf } from './labels';
import { NotApplicableSheet } from './NotApplicableSheet';
import { useDeadline, useInstitution, useReport, useReportSaved } from './queries';
import { emptyFigureValues, figureValuesOf, ReportForm, type FigureValues } from './ReportForm';
import { ReportStatusCard } from './ReportStatusCard';
import { ZeroReportSheet, type ZeroValues } from './ZeroReportSheet';

/** Submissions and corrections are accepted for today and 7 days back (the server's window). */
const WINDOW_DAYS = 7;

const STATUS_COLORS: Record<InstitutionStatus, string> = {
  operating: 'green',
  closed_management: 'red',
  gatherings_suspended: 'orange',
  services_suspended: 'gold',
  closed: 'default',
};

/** "不适用" is for institutions whose services are suspended or that are closed. */
function notApplicableAllowed(status: InstitutionStatus): boolean {
  return status === 'services_suspended' || status === 'closed';
}

function useReportDate(): [string, string, (date: string) => void] {
  const [params, setParams] = useSearchParams();
  const today = businessDay(new Date());
  const asked = params.get('date');
  const date =
    asked && isValidDay(asked) && asked <= today && asked >= addDays(today, -WINDOW_DAYS) ? asked : today;
  const setDate = (next: string) => setParams(next === today ? {} : { date: next }, { replace: true });
  return [date, today, setDate];
}

/** An institution reporter's home: today's obligation for their own institution. */
export function ReporterHomePage() {
  const user = useUser();
  if (!user.institutionId)
    return <Result status="info" title="您的账户未关联机构" subTitle="请联系民政部门管理员关联报送机构。" />;
  return <InstitutionReport key={user.institutionId} institutionId={user.institutionId} onBehalf={false} />;
}

/** An officer reporting on an institution's behalf (代报), opened from the missing list. */
export function OnBehalfReportPage() {
  const { institutionId = '' } = useParams<{ institutionId: string }>();
  const user = useUser();
  const location = useLocation();
  const back = (location.state as { from?: string } | null)?.from ?? '/daily-reports/missing';
  return (
    <InstitutionReport
      key={institutionId}
      institutionId={institutionId}
      onBehalf={user.institutionId !== institutionId}
      back={back}
    />
  );
}

type Mode = 'home' | 'form' | 'correct';

function InstitutionReport({
  institutionId,
  onBehalf,
  back,
}: {
  institutionId: string;
  onBehalf: boolean;
  /** Where an officer came from (the missing list). */
  back?: string;
}) {
  const user = useUser();
  const canSubmit = useCan('reports:submit');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [date, today, setDate] = useReportDate();
  const institution = useInstitution(institutionId);
  const deadline = useDeadline(institution.data?.regionCode);
  const report = useReport(institutionId, date);
  const saved = useReportSaved();
  const sender = useReliableSend();
  const [mode, setMode] = useState<Mode>('home');
  const [sheet, setSheet] = useState<'zero' | 'not_applicable' | null>(null);

  const zeroId = draftId('zero', institutionId, date);
  const naId = draftId('not_applicable', institutionId, date);
  const formId = draftId('report', institutionId, date);

  if (institution.error)
    return <QueryError error={institution.error} onRetry={() => void institution.refetch()} />;
  if (!institution.data) return <Skeleton active />;
  const inst = institution.data;

  const closeAll = () => {
    setSheet(null);
    setMode('home');
  };

  const accepted = (r: DailyReport, text: string) => {
    saved(r);
    closeAll();
    sender.reset();
    message.success(text);
  };

  /** The day already has a submission: ours that landed before a lost answer, or someone else's. */
  const alreadyThere = async (id: string) => {
    clearDraft(id);
    closeAll();
    sender.reset();
    await report.refetch();
    message.info('当日已有报送记录（可能是刚才的提交已成功，或已由他人代报），请核对。');
  };

  /** Sends one submission with its draft's key; retries keep the key, a replayed answer is a success. */
  const submit = async (id: string, input: SubmitReportInput, successText: string) => {
    const { key } = loadDraft(id, () => null);
    try {
      const r = await sender.send(() => dailyReportsApi.submit(input, key));
      clearDraft(id);
      accepted(r, successText);
    } catch (error) {
      if (error instanceof SendPausedError) return;
      if (isApiError(error, 'REPORT_ALREADY_SUBMITTED') || isApiError(error, 'IDEMPOTENCY_KEY_REUSED')) {
        await alreadyThere(id);
        return;
      }
      throw error;
    }
  };

  const submitQuietly = (id: string, input: SubmitReportInput, successText: string) =>
    submit(id, input, successText).catch((error: unknown) => message.error(errorMessage(error)));

  const zeroInitial = (): ZeroValues => ({
    checklist: { closedManagement: true, noFever: true, noNewAdmissions: true },
    signer: getSigner() ?? (onBehalf ? inst.responsiblePerson : user.name),
  });

  const sendZero = (values: ZeroValues) => {
    rememberSigner(values.signer);
    saveDraftValues(zeroId, values);
    void submitQuietly(
      zeroId,
      { institutionId, date, kind: 'zero', checklist: values.checklist, signer: values.signer },
      '零报告已提交',
    );
  };

  const sendNotApplicable = (reason: string) => {
    saveDraftValues(naId, reason);
    void submitQuietly(naId, { institutionId, date, kind: 'not_applicable', reason }, '已报送“不适用”');
  };

  const sendFigures = async (figures: Figures) => {
    await submit(formId, { institutionId, date, kind: 'report', figures }, '日报告已提交');
  };

  const current = report.data?.report;
  const deadlineAt = deadline.data ? deadlineOf(date, deadline.data.time) : null;

  const sendCorrection = async (figures: Figures, correctionReason?: string) => {
    if (!current) return;
    const input: CorrectReportInput = {
      version: current.version,
      figures,
      ...(correctionReason ? { correctionReason } : {}),
    };
    try {
      const r = await sender.send(() => dailyReportsApi.correct(current.id, input));
      accepted(r, '更正已提交');
    } catch (error) {
      if (error instanceof SendPausedError) return;
      if (isApiError(error, 'VERSION_CONFLICT')) {
        closeAll();
        sender.reset();
        await report.refetch();
        message.warning('报送记录已变化（可能刚才的更正已成功），请核对后再更正。');
        return;
      }
      throw error;
    }
  };

  const header = (
    <PageHeader
      top={
        back ? (
          <Link to={back} className="fx-back-link">
            <ArrowLeftOutlined /> 返回未报机构
          </Link>
        ) : undefined
      }
      title={<span data-testid="institution-name">{inst.name}</span>}
      subtitle={`${INSTITUTION_TYPE_LABELS[inst.type]} · ${inst.regionName}`}
      extra={
        <Flex gap={8} align="center" wrap>
          <Tag color={STATUS_COLORS[inst.status]}>{INSTITUTION_STATUS_LABELS[inst.status]}</Tag>
          <DatePicker
            aria-label="报送日期"
            value={dayjs(date)}
            allowClear={false}
            inputReadOnly
            disabled={sender.busy}
            disabledDate={(d: Dayjs) => {
              const day = d.format('YYYY-MM-DD');
              return day > today || day < addDays(today, -WINDOW_DAYS);
            }}
            onChange={(d: Dayjs | null) => {
              if (!d) return;
              closeAll();
              setDate(d.format('YYYY-MM-DD'));
            }}
            className="fx-date-picker"
          />
        </Flex>
      }
    />
  );

  const banners = (
    <>
      {onBehalf ? (
        <Alert
          type="info"
          showIcon
          className="fx-block"
          title={`代报：您正代“${inst.name}”报送`}
          description={`记录将标注为“代报”，报送人为 ${user.name}。机构联系人 ${inst.responsiblePerson}。`}
        />
      ) : null}
      {inst.ordersInForce.map((o) => (
        <Alert
          key={o.id}
          type="warning"
          showIcon
          className="fx-block"
          title={`封闭管理中：自 ${o.startsOn} 起执行（${o.issuingBureau}）`}
          description={o.plannedEnd ? `计划至 ${o.plannedEnd}` : undefined}
        />
      ))}
    </>
  );

  if (mode === 'form' || mode === 'correct') {
    const correcting = mode === 'correct' && current;
    const draft = correcting ? null : loadDraft<FigureValues>(formId, emptyFigureValues);
    return (
      <div className="fx-report-page">
        {header}
        <Typography.Title level={4} className="fx-form-title">
          {correcting ? '更正日报告' : '填写日报告'}
          <Typography.Text type="secondary" className="fx-small">
            {' '}
            {date} · 截止 {deadline.data?.time ?? '--:--'}
          </Typography.Text>
        </Typography.Title>
        <ReportForm
          key={correcting ? `correct-${current.version}` : formId}
          initial={correcting ? figureValuesOf(current.figures) : draft!.values}
          send={sender.state}
          correction={
            correcting ? { reasonRequired: !!deadlineAt && Date.now() > deadlineAt.getTime() } : undefined
          }
          onRetryNow={sender.retryNow}
          onStop={sender.stop}
          onChange={(values) => {
            if (!correcting) saveDraftValues(formId, values);
          }}
          onSubmit={correcting ? sendCorrection : sendFigures}
          onCancel={() => setMode('home')}
        />
      </div>
    );
  }

  const naAllowed = notApplicableAllowed(inst.status);
  return (
    <div className="fx-report-page">
      {header}
      {banners}
      {report.error ? <QueryError error={report.error} onRetry={() => void report.refetch()} /> : null}
      <ReportStatusCard
        date={date}
        today={today}
        deadlineTime={deadline.data?.time}
        report={report.data?.report}
      >
        {report.data && !current && canSubmit ? (
          <Flex vertical gap={10} className="fx-today-actions">
            <Button
              type="primary"
              size="large"
              block
              icon={<CheckCircleOutlined />}
              className="fx-zero-button"
              onClick={() => setSheet('zero')}
            >
              无异常 零报告
            </Button>
            <Button size="large" block icon={<FormOutlined />} onClick={() => setMode('form')}>
              填写日报告
            </Button>
            {naAllowed ? (
              <Button size="large" block icon={<StopOutlined />} onClick={() => setSheet('not_applicable')}>
                不适用（{INSTITUTION_STATUS_LABELS[inst.status]}）
              </Button>
            ) : null}
            <Typography.Text type="secondary" className="fx-small">
              零报告：当日无发热、无异常时一键报送；有情况请填写日报告。
            </Typography.Text>
          </Flex>
        ) : null}
        {current && current.kind === 'report' && canSubmit ? (
          <Button icon={<EditOutlined />} onClick={() => setMode('correct')} className="fx-correct-button">
            更正数据
          </Button>
        ) : null}
        {current && back ? (
          <Button
            type="primary"
            block
            size="large"
            className="fx-block-top"
            onClick={() => void navigate(back)}
          >
            返回未报机构列表
          </Button>
        ) : null}
      </ReportStatusCard>
      {sheet === 'zero' ? (
        <ZeroReportSheet
          open
          institutionName={inst.name}
          date={date}
          initial={loadDraft<ZeroValues>(zeroId, zeroInitial).values}
          send={sender.state}
          onRetryNow={sender.retryNow}
          onStop={sender.stop}
          onChange={(values) => saveDraftValues(zeroId, values)}
          onSubmit={sendZero}
          onClose={() => setSheet(null)}
          onWriteReport={() => {
            setSheet(null);
            setMode('form');
          }}
        />
      ) : null}
      {sheet === 'not_applicable' ? (
        <NotApplicableSheet
          open
          institutionName={inst.name}
          date={date}
          initial={loadDraft<string>(naId, () => INSTITUTION_STATUS_LABELS[inst.status]).values}
          send={sender.state}
          onRetryNow={sender.retryNow}
          onStop={sender.stop}
          onChange={(reason) => saveDraftValues(naId, reason)}
          onSubmit={sendNotApplicable}
          onClose={() => setSheet(null)}
        />
      ) : null}
    </div>
  );
}
