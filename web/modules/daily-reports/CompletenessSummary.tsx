import { InfoCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Progress, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { CompletenessNode } from '../../../common/contracts/daily-reports';
import { formatRate, ratePercent } from './labels';

/** The counters of a node in the order officers read them. */
export const COUNTERS = [
  { key: 'expected', label: '应报' },
  { key: 'submitted', label: '已报' },
  { key: 'reports', label: '日报告' },
  { key: 'zero', label: '零报告' },
  { key: 'notApplicable', label: '不适用' },
  { key: 'onTime', label: '按时' },
  { key: 'late', label: '迟报' },
  { key: 'missing', label: '未报' },
] as const satisfies readonly { key: keyof CompletenessNode; label: string }[];

/** A progress bar that says the real rate (over 100% too) while the bar itself stops at full. */
export function RateBar({
  node,
  size = 'default',
  showInfo = true,
}: {
  node: CompletenessNode;
  size?: 'small' | 'default';
  showInfo?: boolean;
}) {
  const rate = ratePercent(node.submitted, node.expected);
  const complete = node.expected > 0 && node.missing === 0;
  return (
    <Progress
      percent={rate === null ? 0 : Math.min(rate, 100)}
      status={complete ? 'success' : 'active'}
      strokeColor={complete ? undefined : node.missing > 0 ? '#1d4ed8' : undefined}
      size={size === 'small' ? 'small' : 'default'}
      showInfo={showInfo}
      format={() => formatRate(node.submitted, node.expected)}
      aria-label={`完成率 ${formatRate(node.submitted, node.expected)}`}
    />
  );
}

/** The region's own numbers: x / y submitted, the rate, the eight counters and the unexpected hint. */
export function CompletenessSummary({
  node,
  missingLink,
  official,
}: {
  node: CompletenessNode;
  missingLink: string;
  official: boolean;
}) {
  return (
    <Card className="fx-completeness-summary" data-testid="completeness-summary">
      <Flex justify="space-between" align="flex-end" wrap gap={8}>
        <div>
          <Typography.Text type="secondary">{official ? '截止时按时报送' : '已报 / 应报'}</Typography.Text>
          <div className="fx-big-ratio" data-testid="completeness-ratio">
            <b>{node.submitted}</b>
            <span> / {node.expected}</span>
          </div>
        </div>
        <div className="fx-big-rate" data-testid="completeness-rate">
          {formatRate(node.submitted, node.expected)}
        </div>
      </Flex>
      <RateBar node={node} showInfo={false} />
      <div className="fx-counter-grid">
        {COUNTERS.map(({ key, label }) => {
          const value = node[key];
          const content = (
            <>
              <span className="fx-counter-label">{label}</span>
              <b className="fx-counter-value">{value}</b>
            </>
          );
          if (key === 'missing')
            return (
              <Link
                key={key}
                to={missingLink}
                className={value > 0 ? 'fx-counter fx-counter-missing' : 'fx-counter'}
                data-testid="counter-missing"
              >
                {content}
                {value > 0 ? <RightOutlined className="fx-counter-arrow" /> : null}
              </Link>
            );
          return (
            <div
              key={key}
              className={key === 'late' && value > 0 ? 'fx-counter fx-counter-late' : 'fx-counter'}
              data-testid={`counter-${key}`}
            >
              {content}
            </div>
          );
        })}
      </div>
      {node.unexpected > 0 ? (
        <Alert
          type="info"
          showIcon
          icon={<InfoCircleOutlined />}
          className="fx-block-top"
          title={`含 ${node.unexpected} 家当日不在应报范围的机构（如已停业）的报送`}
          description="完成率按 已报 ÷ 应报 计算，不封顶，因此可能超过 100%。"
        />
      ) : null}
      {official ? (
        <Typography.Paragraph type="secondary" className="fx-small fx-block-top" style={{ marginBottom: 0 }}>
          截止时快照：只统计截止时间前按时报送的数据，截止后的迟报和更正不改变它，简报使用此口径。
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
