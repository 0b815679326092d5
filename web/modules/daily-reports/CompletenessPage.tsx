import './daily-reports.css';
import { DownloadOutlined, ExclamationCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, DatePicker, Flex, Result, Segmented, Skeleton, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { businessDay, isValidDay } from '../../../common/business-day';
import { REGION_LEVEL_LABELS } from '../../../common/enums';
import { isWithin, regionLevel } from '../../../common/region-code';
import { completenessExportUrl, type CompletenessView } from '../../api/daily-reports';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useUser } from '../../lib/auth';
import { toSearchParams } from '../../lib/url-state';
import { ChildCompleteness, childRows } from './ChildCompleteness';
import { CompletenessSummary } from './CompletenessSummary';
import { DeadlineSetting } from './DeadlineSetting';
import { FigureSumsCard } from './FigureSumsCard';
import { IncidentsCard } from './IncidentsCard';
import { longDate } from './labels';
import { useCompleteness, useRegionDetail } from './queries';

export interface BoardState {
  region: string;
  date: string;
  view: CompletenessView;
}

/** Region, day and view of the boards, kept in the address bar (defaults: own region, today, live). */
export function useBoardState(): [BoardState, (next: Partial<BoardState>) => void, string] {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const today = businessDay(new Date());
  const askedDate = params.get('date');
  const state: BoardState = {
    region: params.get('region') ?? user.regionCode,
    date: askedDate && isValidDay(askedDate) && askedDate <= today ? askedDate : today,
    view: params.get('view') === 'official' ? 'official' : 'live',
  };
  const update = (next: Partial<BoardState>) => {
    const s = { ...state, ...next };
    setParams(
      toSearchParams({
        region: s.region === user.regionCode ? undefined : s.region,
        date: s.date === today ? undefined : s.date,
        view: s.view === 'live' ? undefined : s.view,
      }),
    );
  };
  return [state, update, today];
}

/** Query string of a board state for links between the completeness and missing pages. */
export function boardSearch(state: Partial<BoardState>, userRegion: string, today: string): string {
  const search = toSearchParams({
    region: state.region === userRegion ? undefined : state.region,
    date: state.date === today ? undefined : state.date,
    view: state.view === 'live' ? undefined : state.view,
  }).toString();
  return search ? `?${search}` : '';
}

function clock(at: number): string {
  return at ? dayjs(at).format('HH:mm:ss') : '--:--:--';
}

/** Officers' board: completeness of a region and its children for a day, live or as frozen at the deadline. */
export function CompletenessPage() {
  const user = useUser();
  const navigate = useNavigate();
  const [state, update, today] = useBoardState();
  const inScope = isWithin(state.region, user.regionCode);
  const data = useCompleteness(state);
  const detail = useRegionDetail(state.region);

  if (!inScope) {
    return (
      <Result
        status="403"
        title="不在管辖范围内"
        subTitle="该区划不在您的管辖范围内，无法查看。"
        extra={
          <Button type="primary" onClick={() => update({ region: user.regionCode })}>
            返回我的区划
          </Button>
        }
      />
    );
  }

  const node = data.data;
  const ancestors = detail.data?.ancestors ?? [];
  const trail = [
    ...ancestors.filter((a) => isWithin(a.code, user.regionCode)),
    { code: state.region, name: node?.regionName ?? detail.data?.name ?? '' },
  ];
  const missingLink = `/daily-reports/missing${boardSearch({ region: state.region, date: state.date }, user.regionCode, today)}`;
  const childLevel = node?.children[0] ? REGION_LEVEL_LABELS[regionLevel(node.children[0].regionCode)] : null;

  return (
    <div>
      <PageHeader
        top={
          trail.length > 1 ? (
            <Breadcrumb
              className="fx-breadcrumb"
              items={trail.map((r, i) => ({
                key: r.code,
                title:
                  i < trail.length - 1 ? (
                    <a
                      href={`/daily-reports${boardSearch({ ...state, region: r.code }, user.regionCode, today)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        update({ region: r.code });
                      }}
                    >
                      {r.name}
                    </a>
                  ) : (
                    r.name
                  ),
              }))}
            />
          ) : undefined
        }
        title={
          <span data-testid="board-title">{node?.regionName ?? detail.data?.name ?? ''} 日报完成率</span>
        }
        subtitle={
          <span>
            {longDate(state.date)}
            <span className="fx-refresh-note">
              <SyncOutlined spin={data.isFetching} /> 每 10 秒自动刷新 · {clock(data.dataUpdatedAt)}
            </span>
          </span>
        }
      />
      <Flex wrap gap={8} align="center" className="fx-filters">
        <DatePicker
          aria-label="日期"
          value={dayjs(state.date)}
          allowClear={false}
          inputReadOnly
          disabledDate={(d: Dayjs) => d.format('YYYY-MM-DD') > today}
          onChange={(d: Dayjs | null) => d && update({ date: d.format('YYYY-MM-DD') })}
          className="fx-date-picker"
        />
        <Segmented<CompletenessView>
          value={state.view}
          onChange={(view) => update({ view })}
          options={[
            { value: 'live', label: '实时' },
            { value: 'official', label: '截止时快照' },
          ]}
        />
        <Button icon={<ExclamationCircleOutlined />} onClick={() => void navigate(missingLink)}>
          未报机构{node ? `（${node.missing}）` : ''}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          href={completenessExportUrl(state)}
          download
          aria-label="导出 Excel"
        >
          导出
        </Button>
      </Flex>
      <DeadlineSetting regionCode={state.region} regionName={node?.regionName ?? ''} ancestors={ancestors} />
      <IncidentsCard region={state.region} />
      {data.error ? <QueryError error={data.error} onRetry={() => void data.refetch()} /> : null}
      {!node && !data.error ? <Skeleton active /> : null}
      {node ? (
        <>
          <CompletenessSummary node={node} missingLink={missingLink} official={state.view === 'official'} />
          <Typography.Title level={5} className="fx-section-title">
            下级完成情况{childLevel ? `（${childLevel}）` : ''}
          </Typography.Title>
          <ChildCompleteness rows={childRows(node)} onOpen={(code) => update({ region: code })} />
          <FigureSumsCard figures={node.figures} reports={node.reports} />
        </>
      ) : null}
      <div className="fx-muted fx-small fx-center fx-block-top">
        <Link to={missingLink}>查看未报机构及联系方式</Link>
      </div>
    </div>
  );
}
