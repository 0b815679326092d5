import { Tag } from 'antd';
import type { User } from '../../../common/contracts/users';
import { isFuture } from '../../lib/format';

export function isLocked(user: User): boolean {
  return isFuture(user.lockedUntil);
}

/** The account's state as tags: disabled, locked, waiting for a first password, or normal. */
export function UserStatus({ user }: { user: User }) {
  const tags = [];
  if (user.disabled)
    tags.push(
      <Tag key="disabled" color="red">
        已停用
      </Tag>,
    );
  if (isLocked(user))
    tags.push(
      <Tag key="locked" color="orange">
        已锁定
      </Tag>,
    );
  if (user.mustChangePassword)
    tags.push(
      <Tag key="password" color="gold">
        待改密
      </Tag>,
    );
  if (tags.length === 0)
    tags.push(
      <Tag key="ok" color="green">
        正常
      </Tag>,
    );
  return <span className="fx-tags">{tags}</span>;
}
