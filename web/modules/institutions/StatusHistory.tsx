import { Flex, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { StatusEvent } from '../../../common/contracts/institutions';
import { formatDate, formatDateTime } from '../../lib/format';
import { InstitutionStatusTag, STATUS_COLORS } from '../../components/StatusTags';

const DOT_COLORS: Record<string, string> = { default: 'gray', gold: 'orange' };

/** Every status the institution has had, newest first, with who ordered it and why. */
export function StatusHistory({
  events,
  registeredOn,
  linkOrders,
}: {
  events: StatusEvent[];
  registeredOn: string;
  linkOrders: boolean;
}) {
  const registered = {
    key: 'registered',
    color: 'gray',
    content: (
      <Flex vertical gap={2}>
        <Flex wrap gap={6} align="center">
          <InstitutionStatusTag status="operating" />
          <Typography.Text strong>{formatDate(registeredOn)} 起</Typography.Text>
        </Flex>
        <Typography.Text type="secondary">登记入册</Typography.Text>
      </Flex>
    ),
  };
  return (
    <Timeline
      className="fx-history"
      items={[
        ...events.map((e) => {
          const color = STATUS_COLORS[e.status];
          return {
            key: e.id,
            color: DOT_COLORS[color] ?? color,
            content: (
              <Flex vertical gap={2} data-testid="status-event">
                <Flex wrap gap={6} align="center">
                  <InstitutionStatusTag status={e.status} />
                  <Typography.Text strong>
                    {formatDate(e.effectiveFrom)} 起
                    {e.plannedEnd ? `，计划至 ${formatDate(e.plannedEnd)}` : ''}
                  </Typography.Text>
                </Flex>
                <Typography.Text className="fx-break">{e.reason}</Typography.Text>
                {e.noticeText ? (
                  <Typography.Text type="secondary" className="fx-break">
                    公告：{e.noticeText}
                  </Typography.Text>
                ) : null}
                <Typography.Text type="secondary" className="fx-small">
                  {e.orderedByName} 于 {formatDateTime(e.createdAt)} 登记
                  {e.orderId ? (
                    <>
                      {' · '}
                      {linkOrders ? <Link to={`/orders/${e.orderId}`}>依据封控指令</Link> : '依据封控指令'}
                    </>
                  ) : null}
                </Typography.Text>
              </Flex>
            ),
          };
        }),
        registered,
      ]}
    />
  );
}
