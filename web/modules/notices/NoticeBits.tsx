import { PaperClipOutlined } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Attachment, Notice } from '../../../common/contracts/notices';
import { attachmentUrl } from '../../api/notices';
import { formatBytes, formatMinute } from '../../lib/format';

export function AttachmentLinks({ items }: { items: Attachment[] }) {
  if (items.length === 0) return null;
  return (
    <Flex vertical gap={2} className="fx-attachments">
      {items.map((a) => (
        <a key={a.id} href={attachmentUrl(a.id)} download={a.fileName} className="fx-break">
          <PaperClipOutlined /> {a.fileName} <span className="fx-muted">（{formatBytes(a.size)}）</span>
        </a>
      ))}
    </Flex>
  );
}

/** The acknowledgement deadline, red when it has passed and the reader has not acknowledged. */
export function Deadline({ notice, pending }: { notice: Notice; pending: boolean }) {
  if (!notice.ackDeadline) return null;
  const overdue = pending && dayjs(notice.ackDeadline).isBefore(dayjs());
  return (
    <Typography.Text type={overdue ? 'danger' : 'secondary'} className="fx-small">
      签收期限 {formatMinute(notice.ackDeadline)}
      {overdue ? '（已逾期）' : ''}
    </Typography.Text>
  );
}

/** The reader's own state of an inbox notice. */
export function MineTag({ notice }: { notice: Notice }) {
  const mine = notice.mine;
  if (!mine) return null;
  return (
    <Flex gap={4} wrap>
      {mine.acknowledgedAt ? <Tag color="green">已签收</Tag> : <Tag color="red">待签收</Tag>}
      {mine.remindCount > 0 ? <Tag color="orange">已催办 {mine.remindCount} 次</Tag> : null}
    </Flex>
  );
}
