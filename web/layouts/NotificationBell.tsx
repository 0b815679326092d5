import { useState } from 'react';
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Empty, Flex, Popover, Spin, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import type { Notification } from '../../common/contracts/notifications';
import { notificationsApi } from '../api/notifications';
import { formatDateTime } from '../lib/format';
import { useIsMobile } from '../lib/responsive';

const KEY = ['notifications', 'latest'];

function Item({ n, onOpen }: { n: Notification; onOpen: (n: Notification) => void }) {
  return (
    <button
      type="button"
      className={n.readAt ? 'fx-note' : 'fx-note fx-note-unread'}
      onClick={() => onOpen(n)}
    >
      <span className="fx-note-title">{n.title}</span>
      <span className="fx-note-body">{n.body}</span>
      <span className="fx-note-time">{formatDateTime(n.createdAt)}</span>
    </button>
  );
}

/** The header's bell: unread reminders and alerts, polled every 30 s; a click marks read and opens the link. */
export function NotificationBell() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const mobile = useIsMobile();
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => notificationsApi.list({ pageSize: 10 }),
    refetchInterval: 30_000,
    staleTime: 10_000,
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['notifications'] });
  const read = useMutation({ mutationFn: notificationsApi.read, onSuccess: refresh });
  const readAll = useMutation({ mutationFn: notificationsApi.readAll, onSuccess: refresh });
  const unread = list.data?.unread ?? 0;

  const onOpen = (n: Notification) => {
    if (!n.readAt) read.mutate(n.id);
    if (n.link) {
      setOpen(false);
      void navigate(n.link);
    }
  };

  const content = (
    <div className="fx-notes">
      <Flex justify="space-between" align="center" className="fx-notes-head">
        {mobile ? (
          <Typography.Text type="secondary">{unread ? `${unread} 条未读` : '没有未读提醒'}</Typography.Text>
        ) : (
          <Typography.Text strong>提醒{unread ? `（${unread} 条未读）` : ''}</Typography.Text>
        )}
        {unread ? (
          <Button type="link" size="small" loading={readAll.isPending} onClick={() => readAll.mutate()}>
            全部已读
          </Button>
        ) : null}
      </Flex>
      {list.isLoading ? <Spin /> : null}
      {list.data && list.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无提醒" />
      ) : null}
      <div className="fx-notes-list">
        {list.data?.items.map((n) => (
          <Item key={n.id} n={n} onOpen={onOpen} />
        ))}
      </div>
    </div>
  );

  const button = (
    <Button
      type="text"
      shape="circle"
      aria-label={unread ? `提醒，${unread} 条未读` : '提醒'}
      data-testid="notification-bell"
      onClick={mobile ? () => setOpen(!open) : undefined}
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Button>
  );

  if (mobile) {
    // A phone has no room for a popover beside the account button: the list slides in from the right.
    return (
      <>
        {button}
        <Drawer
          open={open}
          onClose={() => setOpen(false)}
          placement="right"
          size={320}
          title="提醒"
          className="fx-notes-drawer"
        >
          {content}
        </Drawer>
      </>
    );
  }
  return (
    <Popover
      content={content}
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      arrow={false}
    >
      {button}
    </Popover>
  );
}
